// The sender's side of the signer load, through the REST API as an integrator does it: the user
// and its API token, a provider used for signer authentication, envelopes from the seed JSON, and
// their signing links read from the sealed outbox.
import { readFileSync } from "node:fs";
import { samplePdf } from "../../lib/envelopes/pdf";
import { openOutboxMail } from "../../lib/mail/sealed-mail";
import type { BenchRun } from "../harness";
import type { IdpInfo } from "../idp-process";
import { pool } from "../lib";
import { seedApiUser } from "../seed-api-user";

/** Every envelope's one signer: the test IdP's alice. */
export const SIGNER_EMAIL = "alice@example.com";

/** The sender's API token (the user may configure providers, use the API and send envelopes). */
export function seedSender(dbUrl: string) {
  const user = {
    email: "bench-sender@example.test",
    permissions: { configure_identity_providers: "ALLOW", use_api: "ALLOW", send_envelopes: "ALLOW" } as const,
    tokenName: "bench signer-load",
  };
  return seedApiUser(dbUrl, user, async (_ctx, token) => token);
}

export function restSender(
  run: BenchRun,
  s: { appUrl: string; token: string; encryptionKey: Buffer; phaseTimeLimitMs: number },
) {
  async function api(route: string, init: RequestInit & { json?: unknown } = {}) {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${s.token}`);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    const res = await fetch(`${s.appUrl}${route}`, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!res.ok)
      throw new Error(
        `${init.method ?? "GET"} ${route} answered HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`,
      );
    return body!;
  }

  /** "OAuthTest", as the seed names it: ID token with a Validate mapping on the email, one resource URI. */
  async function createSignerProvider(idp: IdpInfo): Promise<string> {
    const discovered = (await api("/api/v6/identity-providers/discovery", {
      method: "POST",
      json: { url: `${idp.issuer}/.well-known/openid-configuration` },
    })) as { input: Record<string, unknown> & { jwt: Record<string, unknown> } };
    const created = await api("/api/v6/identity-providers", {
      method: "POST",
      json: {
        ...discovered.input,
        name: "OAuthTest",
        clientId: idp.clients.basic.clientId,
        clientSecret: idp.clients.basic.clientSecret,
        tokenEndpointAuthMethod: "client_secret_basic",
        scope: "openid email profile",
        usedForSignerAuthentication: true,
        jwt: { ...discovered.input.jwt, mappings: [{ path: "email", mode: "validate", field: "email" }] },
        resourceUris: [
          {
            uri: `${idp.issuer}/me`,
            queryParameter: "bearer",
            mappings: [{ path: "family_name", mode: "update", field: "lastName" }],
          },
        ],
      },
    });
    return created.id as string;
  }

  const mailsRead = new Set<string>();

  /** `count` envelopes from the seed JSON, one signer each (the test IdP's alice); returns their signing links from the outbox. */
  async function sendEnvelopes(count: number): Promise<string[]> {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(samplePdf("Load"))], { type: "application/pdf" }), "contract.pdf");
    const { FileId } = (await api("/api/v6/file/upload", { method: "POST", body: form })) as { FileId: string };
    const seed = readFileSync("lib/envelopes/fixtures/seed-001-send-envelope.json", "utf8");
    const body = JSON.parse(
      seed
        .replaceAll("##FileId##", FileId)
        .replaceAll("##EMAIL##", SIGNER_EMAIL)
        .replaceAll("##NAME##", "Load")
        .replaceAll("##DelegationUri##", "https://example.test/d")
        .replaceAll("##SignatureImagesUri##", "https://example.test/i"),
    ) as unknown;
    await pool(
      [1, 2, 3, 4],
      count,
      s.phaseTimeLimitMs,
      async () => void (await api("/api/v6/envelope/send", { method: "POST", json: body })),
    );
    // Without SMTP_URL the app keeps each mail in the outbox (status "local"), sealed: open it as delivery would.
    const sealed = await run.check!<
      { id: string; sealed: string | null }[]
    >`select id, sealed from mail_outbox where to_address = ${SIGNER_EMAIL} order by created_at`;
    const rows = sealed.map((r) => ({ id: r.id, text: openOutboxMail(r, [s.encryptionKey]).text }));
    const fresh = rows.filter((r) => !mailsRead.has(r.id));
    fresh.forEach((r) => mailsRead.add(r.id));
    const links = fresh
      .map((r) => /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(r.text)?.[0])
      .filter((l): l is string => !!l);
    if (links.length !== count) throw new Error(`expected ${count} signing links in the outbox, found ${links.length}`);
    return links;
  }

  return { createSignerProvider, sendEnvelopes };
}
