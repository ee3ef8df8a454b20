// What the hardening specs need around the route walk: real ids to put in dynamic segments (a
// refusal must not be a mere 404), an unprivileged user, and server-action calls as Next's client makes them.
import { createRequire } from "node:module";
import { eq, sql } from "drizzle-orm";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { roles, users } from "../../db/schema";
import { seedUser } from "../../db/test/seed";
import { tokenFor } from "../fixtures/api-tokens";
import { withDb } from "../fixtures/database";

export { withDb };
import { adminCredentials } from "../fixtures/session";
import { E2E_PORT } from "../../playwright.config";
import type { ServerAction } from "./routes";

export const APP_ORIGIN = `http://localhost:${E2E_PORT}`;

export type RealIds = { provider: string; user: string; role: string };

/** Ids that exist: the first administrator, their role, and a provider created through the API. */
export async function realIds(request: APIRequestContext, providerBody: Record<string, unknown>): Promise<RealIds> {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const created = await request.post("/api/v6/identity-providers", { headers: auth, data: providerBody });
  expect(created.status(), await created.text()).toBe(201);
  const provider = ((await created.json()) as { id: string }).id;
  const [admin] = await withDb((db) =>
    db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${adminCredentials().email})`),
  );
  const [role] = await withDb((db) => db.select().from(roles).where(eq(roles.name, "Administrator")));
  return { provider, user: admin!.id, role: role!.id };
}

/** The id a dynamic segment gets: the real one of the collection it sits in. */
export const idFor = (ids: RealIds) => (before: string, name: string) => {
  if (name !== "id") return undefined;
  if (before.endsWith("/identity-providers/")) return ids.provider;
  if (before.endsWith("/users/")) return ids.user;
  if (before.endsWith("/roles/")) return ids.role;
  return undefined;
};

/** A signed-in-able user with no permission beyond password logon. */
export async function unprivilegedUser() {
  return withDb((db) => seedUser(db, { permissions: { password_logon: "ALLOW" } }));
}

/** Calls a server action the way Next's client does: POST to a page with Next-Action and React's encoded arguments. */
export async function callServerAction(
  request: APIRequestContext,
  action: ServerAction,
  args: unknown[],
): Promise<APIResponse> {
  // React's own encoder (the one Next's client uses), not a copy of its wire format.
  const { encodeReply } = createRequire(import.meta.url)(
    "next/dist/compiled/react-server-dom-turbopack/client.node.js",
  ) as {
    encodeReply: (value: unknown[]) => Promise<string | FormData>;
  };
  const body = await encodeReply(args);
  const headers = { "next-action": action.id, accept: "text/x-component", origin: APP_ORIGIN };
  const url = action.page.replace(/\[[^\]]+\]/g, crypto.randomUUID());
  if (typeof body === "string")
    return request.post(url, {
      headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
      data: body,
      maxRedirects: 0,
    });
  return request.post(url, { headers, multipart: body, maxRedirects: 0 });
}

export const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/**
 * GET as the client router does (`RSC: 1`), answering Next's cache-busting redirect (it adds the
 * `_rsc` parameter it expects) once; other redirects are returned, not followed.
 */
export async function getRsc(request: APIRequestContext, url: string): Promise<APIResponse> {
  const headers = { RSC: "1" };
  const first = await request.get(url, { headers, maxRedirects: 0 });
  const location = first.headers()["location"];
  if (first.status() !== 307 || !location || !new URL(location, APP_ORIGIN).searchParams.has("_rsc")) return first;
  return request.get(location, { headers, maxRedirects: 0 });
}
