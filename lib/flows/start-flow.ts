import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { preparedStatement } from "@/db/prepared";
import { identityProviders, oauthTransactions, type IdentityProviderRow } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { safeReturnPath } from "@/lib/net/safe-return";
import { buildAuthorizationUrl, createFlowSecrets } from "@/lib/oauth/authorization-request";
import { isUuid } from "@/lib/validation/uuid";
import { redirectUriOf, toEngineProvider } from "./engine-provider";

export const FLOW_PURPOSES = ["signer", "binding", "login", "test"] as const;
export type FlowPurpose = (typeof FLOW_PURPOSES)[number];

export const TRANSACTION_TTL_MS = 10 * 60 * 1000;
export const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");
export const transactionAad = (id: string) => `oauth-tx:${id}`;

export type StartedFlow = { authorizationUrl: string; browserToken: string; transactionId: string };

/** Whether a provider may serve this purpose now: enabled and used for it (Test connection runs on any provider). Checked at start and again at the callback. */
export function providerUsableFor(
  row: Pick<IdentityProviderRow, "enabled" | "usedForSignerAuthentication" | "usedForUserAuthentication">,
  purpose: FlowPurpose,
): boolean {
  if (purpose === "test") return true;
  return row.enabled && (purpose === "signer" ? row.usedForSignerAuthentication : row.usedForUserAuthentication);
}

type NewTransaction = Omit<typeof oauthTransactions.$inferInsert, "createdAt" | "usedAt" | "result"> & { id: string };
const p = (name: keyof NewTransaction) => sql.placeholder(name);

/** The start's one statement: the transaction row written, its provider read (prepared once, db/prepared.ts). */
export const insertTransactionReadProvider = preparedStatement((db) => {
  const inserted = db.$with("inserted").as(
    db
      .insert(oauthTransactions)
      .values({
        id: p("id"),
        stateHash: p("stateHash"),
        browserHash: p("browserHash"),
        providerId: p("providerId"),
        purpose: p("purpose"),
        secretsSealed: p("secretsSealed"),
        redirectUri: p("redirectUri"),
        subjectRef: p("subjectRef"),
        returnTo: p("returnTo"),
        actorUserId: p("actorUserId"),
        expiresAt: p("expiresAt"),
      })
      .returning({ id: oauthTransactions.id }),
  );
  return db
    .with(inserted)
    .select()
    .from(identityProviders)
    .where(eq(identityProviders.id, p("providerId")))
    .prepare("start_flow");
});

/**
 * Starts an authorization-code flow for a purpose: a transaction row (state hashed, nonce and
 * verifier sealed) bound to this browser's cookie value, and the URL to send the browser to.
 */
export async function startFlow(
  ctx: ProviderCtx,
  input: {
    providerId: string;
    purpose: FlowPurpose;
    browserToken?: string | null;
    subjectRef?: string | null;
    returnTo?: string | null;
    /** "login": the provider shows its sign-in form even with a live session (a retry, "Sign in as someone else"). */
    prompt?: "login" | null;
  },
): Promise<StartedFlow> {
  if (!isUuid(input.providerId)) throw new AppError("not_found", "No identity provider with this id");
  const secrets = createFlowSecrets();
  const browserToken =
    input.browserToken && /^[A-Za-z0-9_-]{43}$/.test(input.browserToken)
      ? input.browserToken
      : randomBytes(32).toString("base64url");
  const id = crypto.randomUUID();
  const redirectUri = redirectUriOf(ctx.config.appUrl, input.providerId);
  // One statement writes the transaction and reads its provider (a CTE: one round trip, one
  // transaction). A provider that is gone or not usable for this purpose takes the row back at
  // once: its state never left the server, and the callback would refuse it anyway.
  const [row] = await insertTransactionReadProvider(ctx.db, {
    id,
    stateHash: sha256(secrets.state),
    browserHash: sha256(browserToken),
    providerId: input.providerId,
    purpose: input.purpose,
    secretsSealed: seal(
      JSON.stringify({ nonce: secrets.nonce, codeVerifier: secrets.codeVerifier }),
      ctx.config.encryptionKey,
      transactionAad(id),
    ),
    redirectUri,
    subjectRef: input.subjectRef ?? null,
    returnTo: input.returnTo ? safeReturnPath(input.returnTo) : null,
    actorUserId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    expiresAt: new Date(Date.now() + TRANSACTION_TTL_MS),
  } satisfies NewTransaction);
  if (!row || !providerUsableFor(row, input.purpose)) {
    await ctx.db.delete(oauthTransactions).where(eq(oauthTransactions.id, id));
    throw new AppError(
      "not_found",
      row ? "This identity provider is not available for this sign-in" : "No identity provider with this id",
    );
  }
  const provider = await toEngineProvider(ctx.db, row, ctx.config.encryptionKeys);
  // max_age=0 only where discovery told us this is an OpenID provider; prompt=login alone elsewhere.
  const fresh =
    input.prompt === "login" ? { prompt: "login" as const, ...(row.discovery ? { maxAge: 0 as const } : {}) } : {};
  const url = await buildAuthorizationUrl(provider, redirectUri, secrets, fresh);
  return { authorizationUrl: url.toString(), browserToken, transactionId: id };
}
