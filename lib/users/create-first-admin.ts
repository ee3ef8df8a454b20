import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { instanceSettings, roles, userRoles, users } from "@/db/schema";
import type { Db } from "@/db/client";
import { hashPassword } from "@/lib/crypto/password";
import { ALL_ALLOWED } from "./permissions";

export type FirstAdmin = { email: string; password: string | null; created: boolean };

const DEFAULT_ADMIN_EMAIL = "admin@example.com";
const ADMIN_ROLE = "Administrator";

/**
 * On an empty database: the Administrator role and the first administrator, once. The
 * password is the given one or a generated one, returned so the caller prints it once.
 * Instances starting together serialise on the instance_settings row.
 */
export async function createFirstAdmin(db: Db, opts: { email?: string; password?: string }): Promise<FirstAdmin> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(instanceSettings)
      .values({ key: "first_admin_created", value: sql`to_jsonb(now())` })
      .onConflictDoNothing()
      .returning({ key: instanceSettings.key });
    const email = opts.email ?? DEFAULT_ADMIN_EMAIL;
    if (claimed.length === 0) return { email, password: null, created: false };

    const password = opts.password ?? randomBytes(12).toString("base64url");
    const [role] = await tx
      .insert(roles)
      .values({
        name: ADMIN_ROLE,
        description: "Everything, including the identity providers and users",
        permissions: ALL_ALLOWED,
      })
      .onConflictDoUpdate({ target: roles.name, set: { permissions: ALL_ALLOWED } })
      .returning({ id: roles.id });
    const [user] = await tx
      .insert(users)
      .values({
        email,
        passwordHash: await hashPassword(password),
        firstName: "Admin",
        lastName: "",
        username: "admin",
      })
      .returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: user!.id, roleId: role!.id });
    return { email, password, created: true };
  });
}
