// Next adapter: who calls a REST route (API token or session), with the permission it needs.
import { getDb } from "@/db";
import { getConfig, type AppConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { findConversionTrap } from "@/lib/http/json-body";
import { loadUserPermissions, type PermissionKey } from "@/lib/users/permissions";
import { findApiTokenUser } from "./api-tokens";
import { auth } from "./next-auth";
import { requestMeta } from "./request-meta";

export type ApiCtx = Ctx & { config: AppConfig; user: { id: string; email: string; name: string }; via: "token" | "session" };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * An API token (`Authorization: Bearer sat_…`, needs "User can use the API"; not expired; a
 * read-only one only for GET/HEAD/OPTIONS) or the signed-in session. With the session, a state-changing request must come from the app's own origin.
 */
export async function requireApi(request: Request, permission: PermissionKey | null): Promise<ApiCtx> {
  const config = getConfig();
  const db = await getDb();
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  let user: ApiCtx["user"] | null = null;
  let via: ApiCtx["via"] = "session";
  if (bearer) {
    const holder = await findApiTokenUser(db, bearer);
    // Security rule: a read-only token never changes anything, whatever its user may do.
    if (holder.token.readOnly && !SAFE_METHODS.has(request.method)) {
      throw new AppError("forbidden", `The API token '${holder.token.name}' is read-only: ${request.method} needs a token that may write`);
    }
    user = holder.user;
    via = "token";
  } else {
    const session = await auth();
    if (!session?.user?.id) throw new AppError("unauthorized", "Sign in first");
    user = session.user;
    if (!SAFE_METHODS.has(request.method) && request.headers.get("origin") !== new URL(config.appUrl).origin) {
      throw new AppError("forbidden", "Cross-origin request refused");
    }
  }
  const needed: PermissionKey[] = [...(via === "token" ? (["use_api"] as const) : []), ...(permission ? [permission] : [])];
  if (needed.length) {
    const permissions = await loadUserPermissions(db, user.id);
    const missing = needed.find((p) => permissions[p] !== "ALLOW");
    if (missing) throw new AppError("forbidden", "You do not have permission to do this");
  }
  return { db, actor: { kind: "user", userId: user.id, email: user.email }, ...requestMeta(request.headers), config, user, via };
}

/**
 * A route about one user's own things (e.g. their OAuth assignments): the user themselves, or
 * someone holding `permission` over users. Anyone else gets 403.
 */
export async function requireApiForUser(request: Request, userId: string, permission: PermissionKey): Promise<ApiCtx> {
  const ctx = await requireApi(request, null);
  if (ctx.user.id === userId) return ctx;
  const permissions = await loadUserPermissions(ctx.db, ctx.user.id);
  if (permissions[permission] !== "ALLOW") throw new AppError("forbidden", "You do not have permission to do this");
  return ctx;
}

/** Parses a JSON body; a body that is not JSON, or that would make validation throw, is a 400, not a 500. */
export async function readJson(request: Request): Promise<unknown> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body must be JSON");
  }
  const trap = findConversionTrap(body);
  if (trap) throw new AppError("validation_failed", "The request is not valid", [{ path: trap, message: "A member may not be named toString or valueOf" }]);
  return body;
}
