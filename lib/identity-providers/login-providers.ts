import { and, asc, eq } from "drizzle-orm";
import { identityProviders, instanceSettings } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

/** The login page's provider buttons: enabled providers used for user authentication, when the instance allows it (default: yes). */
export async function loginPageProviders(db: Db | Tx): Promise<{ id: string; name: string }[]> {
  const [setting] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, "oauth_login_buttons"));
  if (setting && setting.value === false) return [];
  return db
    .select({ id: identityProviders.id, name: identityProviders.name })
    .from(identityProviders)
    .where(and(eq(identityProviders.enabled, true), eq(identityProviders.usedForUserAuthentication, true)))
    .orderBy(asc(identityProviders.name));
}
