import type { Ctx } from "@/lib/context";
import { changeUser } from "./change-user";
import type { UserJson } from "./user-json";

/** The user list's Enabled switch: only `enabled` changes; disabling ends the user's sessions. */
export async function setUserEnabled(ctx: Ctx, id: string, enabled: boolean): Promise<UserJson> {
  return changeUser(ctx, id, ({ input }) => ({ ...input, enabled }));
}
