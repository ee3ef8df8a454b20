// Next adapter: who calls a REST route (API token or session), with the permission it needs.
// Route handlers reach it through the one route wrapper (lib/http/route.ts), never directly.
import { getDb } from "@/lib/database";
import { getConfig, type AppConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { loadUserPermissions, PERMISSIONS, type PermissionKey } from "@/lib/users/permissions";
import type { PermissionValue } from "@/db/schema";
import { findApiTokenUser } from "./api-tokens";
import { auth } from "./next-auth";
import { requestMeta } from "./request-meta";

export type ApiCtx = Ctx & {
  config: AppConfig;
  user: { id: string; email: string; name: string };
  via: "token" | "session";
  /** The caller's effective permissions, loaded once per request. */
  permissions: Record<PermissionKey, PermissionValue>;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

/** A refusal that names what is missing, so the caller knows which permission to ask for. */
export function missingPermission(anyOf: readonly PermissionKey[]): AppError {
  const names = anyOf.map((p) => `"${PERMISSIONS[p]}"`).join(" or ");
  return new AppError("forbidden", `You do not have permission to do this: it needs ${names}`, { permissions: anyOf });
}

/** Whether the request's Origin is the app's own (state-changing requests with ambient credentials). */
export function isOwnOrigin(request: Request, config: Pick<AppConfig, "appUrl">): boolean {
  return request.headers.get("origin") === new URL(config.appUrl).origin;
}

/**
 * An API token (`Authorization: Bearer sat_…`, needs "User can use the API"; not expired; a
 * read-only one only for GET/HEAD/OPTIONS) or the signed-in session. With the session, a
 * state-changing request must come from the app's own origin.
 * `anyOf`: the caller must hold at least one of these permissions (none: any signed-in caller).
 */
export async function requireApi(
  request: Request,
  anyOf: PermissionKey | readonly PermissionKey[] | null,
): Promise<ApiCtx> {
  const config = getConfig();
  const db = await getDb();
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  let user: ApiCtx["user"] | null = null;
  let via: ApiCtx["via"] = "session";
  if (bearer) {
    const holder = await findApiTokenUser(db, bearer);
    // Security rule: a read-only token never changes anything, whatever its user may do.
    if (holder.token.readOnly && isStateChanging(request.method)) {
      throw new AppError(
        "forbidden",
        `The API token '${holder.token.name}' is read-only: ${request.method} needs a token that may write`,
      );
    }
    user = holder.user;
    via = "token";
  } else {
    const session = await auth();
    if (!session?.user?.id) throw new AppError("unauthorized", "Sign in first");
    user = session.user;
    if (isStateChanging(request.method) && !isOwnOrigin(request, config))
      throw new AppError("forbidden", "Cross-origin request refused");
  }
  const permissions = await loadUserPermissions(db, user.id);
  if (via === "token" && permissions.use_api !== "ALLOW") throw missingPermission(["use_api"]);
  const needed = anyOf === null ? [] : typeof anyOf === "string" ? [anyOf] : anyOf;
  if (needed.length && !needed.some((p) => permissions[p] === "ALLOW")) throw missingPermission(needed);
  return {
    db,
    actor: { kind: "user", userId: user.id, email: user.email },
    ...requestMeta(request.headers),
    config,
    user,
    via,
    permissions,
  };
}

/**
 * A route about one user's own things (e.g. their OAuth assignments): the user themselves, or
 * someone holding `permission` over users. Anyone else gets 403.
 */
export async function requireApiForUser(request: Request, userId: string, permission: PermissionKey): Promise<ApiCtx> {
  const ctx = await requireApi(request, null);
  if (ctx.user.id === userId) return ctx;
  if (ctx.permissions[permission] !== "ALLOW") throw missingPermission([permission]);
  return ctx;
}
