"use server";
// Server action of Settings → Account: change one's own password.
import { changeOwnPassword, ZChangePassword } from "@/lib/auth/change-password";
import { action } from "@/lib/http/action";

export const changePasswordAction = action(
  { auth: "user", permission: null, input: ZChangePassword },
  async (ctx, input) => {
    await changeOwnPassword(ctx, input);
    return null;
  },
);
