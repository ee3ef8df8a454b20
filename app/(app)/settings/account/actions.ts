"use server";
// Server action of Settings → Account: change one's own password.
import { changeOwnPassword } from "@/lib/auth/change-password";
import { requirePermission } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";

export type ChangePasswordState = { ok: boolean; message: string } | null;

export async function changePasswordAction(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  try {
    const ctx = await requirePermission(null);
    await changeOwnPassword(ctx, {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    });
    return { ok: true, message: "Your password was changed." };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}
