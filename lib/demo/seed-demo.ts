import { roles, userRoles, users } from "@/db/schema";
import type { Db } from "@/db/client";
import type { AppConfig } from "@/lib/config";
import { provisionDemoProvider } from "./provision-demo-provider";

/** The demo IdP's people (e2e/fixtures/oidc-provider.ts); Alice exists here so she can be bound. */
export const DEMO_USERS = [{ email: "alice@example.com", firstName: "Alice", lastName: "Anders", username: "alice" }];

/** Demo mode data, idempotent: a plain "User" role, the demo users (without passwords), the "Demo IdP" provider. */
export async function seedDemo(db: Db, config: AppConfig): Promise<void> {
  await db.transaction(async (tx) => {
    const [role] = await tx
      .insert(roles)
      .values({
        name: "User",
        description: "Signs in through a bound identity provider",
        permissions: { send_envelopes: "ALLOW" },
      })
      .onConflictDoUpdate({ target: roles.name, set: { description: "Signs in through a bound identity provider" } })
      .returning({ id: roles.id });
    for (const demo of DEMO_USERS) {
      const [user] = await tx.insert(users).values(demo).onConflictDoNothing().returning({ id: users.id });
      if (user) await tx.insert(userRoles).values({ userId: user.id, roleId: role!.id });
    }
  });
  await provisionDemoProvider(db, config);
  if (config.demoIdpIssuer)
    console.log(
      `[startup] demo OpenID Provider at ${config.demoIdpIssuer} (people: alice / alice-password, bob / bob-password, carol / carol-password)`,
    );
}
