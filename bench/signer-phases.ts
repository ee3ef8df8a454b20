// Where the time of one signer authentication goes: the callback's parts, run one flow at a time
// in this process with the app's own functions (the route handler's sequence in
// lib/flows/handle-callback.ts), against the same database and the same test IdP as the load.
// Outbound calls are timed through undici's diagnostics channels (request created → body read).
import diagnostics from "node:diagnostics_channel";
import { and, eq, isNotNull } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { recipients } from "../db/schema";
import { CookieJar, signInAtProvider } from "../e2e/fixtures/oidc-login";
import { emitAudit } from "../lib/audit/emit-audit";
import { hashLinkToken } from "../lib/bindings/link-token";
import { completeSigner, signerMappingContext } from "../lib/envelopes/complete-signer";
import { consumeTransaction } from "../lib/flows/consume-transaction";
import { toEngineProvider } from "../lib/flows/engine-provider";
import { startFlow } from "../lib/flows/start-flow";
import type { ProviderCtx } from "../lib/identity-providers/context";
import { parseTrustedHosts } from "../lib/net/trusted-hosts";
import { createJwksCache } from "../lib/oauth/jwks-cache";
import { runFlow } from "../lib/oauth/run-flow";
import type { IdpInfo } from "./idp-process";
import { summarise } from "./lib";

type Input = {
  dbUrl: string;
  appUrl: string;
  encryptionKey: Buffer;
  idp: IdpInfo;
  providerId: string;
  senderToken: string;
  runs: number;
  send: (n: number) => Promise<string[]>;
};

type UndiciRequest = { origin?: string; path?: string };
const started = new WeakMap<object, number>();
let outbound: { path: string; ms: number }[] | null = null;
diagnostics.channel("undici:request:create").subscribe((m) => {
  if (outbound) started.set((m as { request: object }).request, performance.now());
});
diagnostics.channel("undici:request:trailers").subscribe((m) => {
  const request = (m as { request: UndiciRequest & object }).request;
  const t = started.get(request);
  if (outbound && t !== undefined)
    outbound.push({ path: new URL(request.path ?? "/", "http://x").pathname, ms: performance.now() - t });
});

async function timed<T>(into: number[], fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const v = await fn();
  into.push(performance.now() - t);
  return v;
}

export async function measureSignerPhases(input: Input) {
  const links = await input.send(input.runs);
  const handle = await openDatabase({ databaseUrl: input.dbUrl, maxConnections: 4 });
  const trustedHosts = [`127.0.0.1:${input.idp.port}`];
  const ctx: ProviderCtx = {
    db: handle.db,
    actor: { kind: "anonymous" },
    ip: "192.0.2.7",
    userAgent: "bench",
    config: {
      appUrl: input.appUrl,
      encryptionKey: input.encryptionKey,
      encryptionKeys: [input.encryptionKey],
      trustedHosts,
    },
  };
  const out = { trustedHosts: parseTrustedHosts(trustedHosts) };
  const jwks = createJwksCache({ out });
  const jar = new CookieJar();
  const t: Record<string, number[]> = {
    start: [],
    consume: [],
    provider: [],
    mappingContext: [],
    token: [],
    jwks: [],
    resource: [],
    verifyAndMap: [],
    complete: [],
    auditAlone: [],
    callback: [],
  };
  let jwksFetches = 0;
  let failures = 0;
  try {
    for (const link of links) {
      const [recipient] = await handle.db
        .select({ id: recipients.id, envelopeId: recipients.envelopeId })
        .from(recipients)
        .where(eq(recipients.linkTokenHash, hashLinkToken(link.split("/").at(-1)!)));
      const flow = await timed(t.start!, () =>
        startFlow(ctx, { providerId: input.providerId, purpose: "signer", subjectRef: recipient!.id }),
      );
      const login = await signInAtProvider(flow.authorizationUrl, { credentials: input.idp.people.alice!, jar });
      if (login.kind !== "redirect") throw new Error(`the IdP answered a page at ${login.url.pathname}`);
      const params = login.location.searchParams;
      const c0 = performance.now();
      const consumed = await timed(t.consume!, () =>
        consumeTransaction(
          handle.db,
          { state: params.get("state"), browserToken: flow.browserToken, providerId: input.providerId },
          ctx.config.encryptionKeys,
        ),
      );
      const provider = await timed(t.provider!, () =>
        toEngineProvider(handle.db, consumed.provider!, ctx.config.encryptionKeys),
      );
      const mappingContext = await timed(t.mappingContext!, () => signerMappingContext(handle.db, consumed));
      outbound = [];
      const r0 = performance.now();
      const outcome = await runFlow(provider, params, consumed, {
        redirectUri: consumed.row.redirectUri,
        out,
        jwks,
        mappingContext,
      });
      const runMs = performance.now() - r0;
      const calls = outbound;
      outbound = null;
      const sum = (re: RegExp) => calls.filter((c) => re.test(c.path)).reduce((a, c) => a + c.ms, 0);
      jwksFetches += calls.filter((c) => /jwks/.test(c.path)).length;
      t.token!.push(sum(/token/));
      t.jwks!.push(sum(/jwks/));
      t.resource!.push(sum(/\/me$/));
      t.verifyAndMap!.push(runMs - calls.reduce((a, c) => a + c.ms, 0));
      const target = await timed(t.complete!, () => completeSigner(ctx, consumed, outcome));
      t.callback!.push(performance.now() - c0);
      if (!outcome.ok || target !== "/sign/resume?auth=ok") failures += 1;
      // The audit insert on its own: one chained row in the envelope's stream, its own transaction.
      await timed(t.auditAlone!, () =>
        handle.db.transaction((tx) =>
          emitAudit(tx, ctx, {
            action: "RecipientDataUpdated",
            envelopeId: recipient!.envelopeId,
            recipientId: recipient!.id,
            data: { providerName: "OAuthTest", changes: [] },
          }),
        ),
      );
    }
    const authenticated = await handle.db.$count(
      recipients,
      and(eq(recipients.role, "signer"), isNotNull(recipients.authenticatedAt)),
    );
    const callbackP50 = summarise(t.callback!).p50;
    const label: Record<string, string> = {
      start: "start route's work (provider, transaction insert, authorization URL)",
      consume: "callback: consume the transaction and read its provider (conditional UPDATE in a CTE, unseal)",
      provider: "callback: the provider for the engine (read with the consume; decrypt secret)",
      mappingContext: "callback: the recipient for Validate mappings (SELECT)",
      token: "callback: token call to the IdP (HTTP, the IdP signs the ID token)",
      jwks: "callback: JWKS fetch (cached: only the first flow)",
      resource: "callback: resource URI call (HTTP, userinfo)",
      verifyAndMap: "callback: ID token signature + claims, mappings (CPU)",
      complete: "callback: recipient update + audit rows (one transaction, commit)",
      callback: "callback: all of the above",
      auditAlone: "for scale: one audit row in its own transaction",
    };
    const parts = Object.keys(label).map((k) => {
      const ms = summarise(t[k]!);
      return {
        part: label[k]!,
        key: k,
        ms,
        share:
          k === "start" || k === "auditAlone" || k === "callback" ? "" : `${Math.round((ms.p50 / callbackP50) * 100)}%`,
      };
    });
    const inCallback = parts.filter((p) => !["start", "auditAlone", "callback"].includes(p.key));
    const slowest = inCallback.reduce((a, b) => (b.ms.p50 > a.ms.p50 ? b : a));
    return {
      runs: links.length,
      failures,
      authenticatedRecipients: authenticated,
      jwksFetches,
      parts,
      slowest: `${slowest.part}, p50 ${slowest.ms.p50} ms of a ${callbackP50} ms callback`,
    };
  } finally {
    await handle.close();
  }
}
