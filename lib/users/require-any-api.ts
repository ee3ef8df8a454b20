// Next adapter: a REST caller (API token or session, as requireApi) holding at least one of several permissions.
import { requireApi, type ApiCtx } from "@/lib/auth/api-auth";
import { AppError } from "@/lib/errors";
import type { PermissionValue } from "@/db/schema";
import { loadUserPermissions, type PermissionKey } from "./permissions";

/** The caller's effective permissions come along, so a route deciding more (e.g. "sees every envelope") needs no second query. */
export async function requireAnyApi(request: Request, permissions: PermissionKey[]): Promise<ApiCtx & { permissions: Record<PermissionKey, PermissionValue> }> {
  const ctx = await requireApi(request, null);
  const held = await loadUserPermissions(ctx.db, ctx.user.id);
  if (!permissions.some((p) => held[p] === "ALLOW")) throw new AppError("forbidden", "You do not have permission to do this");
  return { ...ctx, permissions: held };
}
