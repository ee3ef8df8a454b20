import { randomBytes } from "node:crypto";
import { roles, userRoles, users, type PermissionValue } from "../schema";
import type { Db } from "../client";
import { hashPassword } from "@/lib/crypto/password";
import { uniqueEmail } from "./test-db";

export type SeedUserInput = {
  email?: string;
  password?: string | null;
  enabled?: boolean;
  permissions?: Record<string, PermissionValue>;
};

/** A user with its own role holding exactly the given permissions (password logon allowed unless said). */
export async function seedUser(db: Db, input: SeedUserInput = {}) {
  const email = input.email ?? uniqueEmail();
  const password = input.password === undefined ? `pw-${randomBytes(6).toString("hex")}` : input.password;
  const [user] = await db
    .insert(users)
    .values({
      email,
      passwordHash: password ? await hashPassword(password) : null,
      enabled: input.enabled ?? true,
      firstName: "Test",
      lastName: "User",
    })
    .returning();
  const [role] = await db
    .insert(roles)
    .values({
      name: `role-${randomBytes(6).toString("hex")}`,
      permissions: input.permissions ?? { password_logon: "ALLOW" },
    })
    .returning();
  await db.insert(userRoles).values({ userId: user!.id, roleId: role!.id });
  return { user: user!, role: role!, email, password };
}
