// GET /api/v6/session: the signed-in user (or the API token's) and their effective permissions
import { route } from "@/lib/http/route";

export const GET = route({ auth: "user" }, ({ ctx }) => ({ user: ctx.user, permissions: ctx.permissions }));
