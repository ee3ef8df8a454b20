import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";

export const ZChangePassword = z
  .object({
    currentPassword: z.string().max(1024).default(""),
    newPassword: z
      .string()
      .min(12, "The new password needs at least 12 characters")
      .max(1024, "The new password can have at most 1024 characters"),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "The new password is the current one",
  });

/**
 * Settings → Account: the signed-in user sets a new password. A user who has one must give it;
 * a user without one (they sign in through a provider) sets a first one. Whether they may then
 * use it is the "User can use a password to logon" permission, checked at sign-in.
 */
export async function changeOwnPassword(ctx: Ctx & { user: { id: string } }, input: unknown): Promise<void> {
  const parsed = ZChangePassword.safeParse(input);
  if (!parsed.success)
    throw new AppError("validation_failed", parsed.error.issues[0]?.message ?? "The form is not valid");
  const { currentPassword, newPassword } = parsed.data;
  const [user] = await ctx.db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, ctx.user.id));
  if (!user) throw new AppError("not_found", "No such user");
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("validation_failed", "The current password is not correct");
  }
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, ctx.user.id));
    await emitAudit(tx, ctx, {
      action: "UserChanged",
      data: {
        userId: ctx.user.id,
        email: user.email,
        changes: [{ field: "password", from: user.passwordHash ? "(set)" : null, to: "(changed)" }],
      },
    });
  });
}
