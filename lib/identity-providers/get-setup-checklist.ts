import { and, count, desc, eq, sql } from "drizzle-orm";
import { identityProviders, oauthAssignments, oauthTransactions } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

export type SetupItem = {
  key: "provider_tested" | "smtp" | "user_bound";
  label: string;
  done: boolean;
  /** What is there now, in a sentence. */
  state: string;
  /** Where to do it (or to look). */
  href: string;
  action: string;
};

/**
 * The administrator's setup checklist on Home: a provider whose Test connection succeeded, mail
 * delivered over SMTP (SMTP_URL is an environment setting, so it is passed in), and a user bound
 * to a provider.
 */
export async function getSetupChecklist(db: Db | Tx, input: { smtpConfigured: boolean }): Promise<SetupItem[]> {
  const [tested] = await db
    .select({ providerId: identityProviders.id, name: identityProviders.name, at: oauthTransactions.createdAt })
    .from(oauthTransactions)
    .innerJoin(identityProviders, eq(identityProviders.id, oauthTransactions.providerId))
    .where(and(eq(oauthTransactions.purpose, "test"), sql`(${oauthTransactions.result} ->> 'ok') = 'true'`))
    .orderBy(desc(oauthTransactions.createdAt))
    .limit(1);
  const [providers] = await db.select({ n: count() }).from(identityProviders);
  const [bound] = await db.select({ n: count() }).from(oauthAssignments).where(eq(oauthAssignments.state, "bound"));
  const boundUsers = bound?.n ?? 0;

  return [
    {
      key: "provider_tested",
      label: "Test an identity provider",
      done: Boolean(tested),
      state: tested
        ? `Test connection of ${tested.name} succeeded.`
        : providers?.n
          ? "No Test connection has succeeded yet."
          : "No identity provider is configured yet.",
      href: tested ? `/settings/identity-providers/${tested.providerId}` : "/settings/identity-providers",
      action: tested ? "Open the provider" : "Identity Providers",
    },
    {
      key: "smtp",
      label: "Deliver mail over SMTP",
      done: input.smtpConfigured,
      state: input.smtpConfigured
        ? "SMTP_URL is set: invitations and signing links are delivered."
        : "No SMTP_URL is set: mails wait in the Outbox until it is.",
      href: "/settings/outbox",
      action: "Outbox",
    },
    {
      key: "user_bound",
      label: "Bind a user to a provider",
      done: boundUsers > 0,
      state: boundUsers
        ? `${boundUsers} ${boundUsers === 1 ? "assignment is" : "assignments are"} bound to an identity.`
        : "No user has bound an identity yet: add an OAuth assignment to a user.",
      href: "/settings/users",
      action: "Users",
    },
  ];
}
