// Next adapter: a REST caller (API token or session, as requireApi) holding at least one of several permissions.
import { requireApi, type ApiCtx } from "@/lib/auth/api-auth";
import { AppError } from "@/lib/errors";
import { loadUserPermissions, type PermissionKey } from "./permissions";

export async function requireAnyApi(request: Request, permissions: PermissionKey[]): Promise<ApiCtx> {
  const ctx = await requireApi(request, null);
  const held = await loadUserPermissions(ctx.db, ctx.user.id);
  if (!permissions.some((p) => held[p] === "ALLOW")) throw new AppError("forbidden", "You do not have permission to do this");
  return ctx;
}
