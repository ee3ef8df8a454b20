import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromRequest, toRequest } from "@/components/envelopes/designer-values";
import type { DbHandle } from "@/db/client";
import { recipients } from "@/db/schema";
import { envelopeWorld, senderCtx, type EnvelopeWorld } from "@/db/test/envelopes";
import { openPostgresTestDb } from "@/db/test/test-db";
import { signInAtProvider } from "@/e2e/fixtures/oidc-login";
import { startOidcProvider, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { toErrorResponse } from "@/lib/errors";
import { handleCallback } from "@/lib/flows/handle-callback";
import { startFlow } from "@/lib/flows/start-flow";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "@/lib/identity-providers/discovery";
import type { TMapping } from "@/lib/identity-providers/schema";
import { createEnvelope } from "./create-envelope";
import { CERTIFICATE_FIELDS, CERTIFICATE_KEYS, type CertificateKey } from "./disposable-certificate";
import { findSigning } from "./find-signing";
import { getDraft } from "./get-draft";
import { getEnvelope } from "./get-envelope";
import { ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "./schema";
import "@/lib/wiring/register-purposes";

// The REST recipient's DisposableCertificate (seed 001 "Recipient definition in Web UI"): what a
// sender gives is what Validate mappings compare the IdP's claims with, Update mappings fill it,
// GET shows it, and a wrong date or country is a 400 at its path. Real PostgreSQL, real IdP.

let handle: DbHandle;
let idp: OidcFixture;
let w: EnvelopeWorld;
const ctx = () => senderCtx(handle.db, w.sender, [`127.0.0.1:${idp.port}`]);
const ALICE = { username: "alice", password: "alice-password" };

// What the IdP says about alice, one claim per field under `urn:example:document` (released with openid).
const CLAIMS: Record<CertificateKey, string> = {
  DocumentType: "Passport",
  DocumentNumber: "X123-456/7",
  DocumentIssuedOn: "2020-01-15",
  DocumentIssuedBy: "City of Berlin",
  DocumentExpiryDate: "20300114",
  IdentificationIssuingCountry: "DEU",
  IdentificationType: "National ID",
  IdentificationNumber: "T22000129",
  PhoneNumber: "+49 170 1234567",
  DocumentIssuingCountry: "de",
  CountryOfResidence: "AT",
};
// The same values as a sender types them (compared by meaning: dates, phones and countries parse).
const SAME: Record<CertificateKey, string> = {
  DocumentType: "passport",
  DocumentNumber: "X123-456/7",
  DocumentIssuedOn: "2020-01-15",
  DocumentIssuedBy: "City of Berlin",
  DocumentExpiryDate: "2030-01-14",
  IdentificationIssuingCountry: "DE",
  IdentificationType: "National ID",
  IdentificationNumber: "T22000129",
  PhoneNumber: "0049 170 1234567",
  DocumentIssuingCountry: "DE",
  CountryOfResidence: "at",
};
const OTHER: Record<CertificateKey, string> = {
  DocumentType: "Driving licence",
  DocumentNumber: "X123-456/8",
  DocumentIssuedOn: "2020-01-16",
  DocumentIssuedBy: "City of Munich",
  DocumentExpiryDate: "2030-01-15",
  IdentificationIssuingCountry: "AT",
  IdentificationType: "Passport",
  IdentificationNumber: "T22000130",
  PhoneNumber: "+491701234568",
  DocumentIssuingCountry: "FR",
  CountryOfResidence: "DE",
};
const claimPath = (key: CertificateKey) => `['urn:example:document'].${key}`;

async function signerProvider(name: string, mappings: TMapping[]): Promise<string> {
  const { input, discovery } = await loadDiscovery(wellKnownUrl(idp.issuer), ctx().config.trustedHosts);
  const created = await createProvider(
    ctx(),
    {
      ...input,
      name: `${name} ${crypto.randomUUID()}`,
      clientId: "client-basic",
      clientSecret: idp.clients.basic.clientSecret,
      scope: "openid email profile phone",
      authorizationUri: input.authorizationUri!,
      tokenUri: input.tokenUri!,
      jwt: { ...input.jwt!, mappings },
      usedForSignerAuthentication: true,
    },
    { discovery },
  );
  return created.id;
}

/** Sends an envelope to alice with this certificate data, and has her authenticate at the provider. */
async function sendAndAuthenticate(providerId: string, certificate: Partial<Record<CertificateKey, string>>) {
  const name = `Certificate ${crypto.randomUUID()}`;
  const id = await send(name, certificate, [{ Method: "CustomOAuthProvider", ProviderId: providerId, Parameter: "" }]);
  const view = await findSigning(handle.db, await w.linkFor("alice@example.com", name), null);
  if (!view.ok) throw new Error(view.reason);
  const flow = await startFlow(ctx(), { providerId, purpose: "signer", subjectRef: view.recipient.id });
  const login = await signInAtProvider(flow.authorizationUrl, { credentials: ALICE });
  if (login.kind !== "redirect") throw new Error("the IdP did not redirect");
  await handleCallback(
    { ...ctx(), actor: { kind: "anonymous" } },
    { providerId, params: login.location.searchParams, browserToken: flow.browserToken },
  );
  const json = await getEnvelope(handle.db, id, { userId: w.sender.userId, seeAll: false });
  return { id, recipient: json.Steps[0]!.Recipients[0]!, trail: await w.trail(id) };
}

const body = (name: string, certificate: unknown, methods: unknown[] = []): TSendEnvelopeRequest => {
  const b = w.body(name, [{ email: "alice@example.com", methods }]);
  (b.SendEnvelopeDescription.Steps[0]!.Recipients[0] as Record<string, unknown>).DisposableCertificate = certificate;
  return b;
};
const send = async (name: string, certificate: unknown, methods: unknown[] = [], mode: "send" | "draft" = "send") =>
  (await createEnvelope(ctx(), w.sender, ZSendEnvelopeRequest.parse(body(name, certificate, methods)), mode))
    .EnvelopeId;

beforeAll(async () => {
  handle = await openPostgresTestDb();
  idp = await startOidcProvider();
  idp.people.alice.claims["urn:example:document"] = { ...CLAIMS };
  w = await envelopeWorld(handle.db);
});
afterAll(async () => {
  await idp?.close();
  await handle?.close();
});

describe("a Validate mapping on each disposable-certificate field", () => {
  const providers = new Map<CertificateKey, string>();
  const providerFor = async (key: CertificateKey) => {
    if (!providers.has(key))
      providers.set(
        key,
        await signerProvider(`Validate ${key}`, [
          { path: claimPath(key), mode: "validate", field: CERTIFICATE_FIELDS[key], respectCase: false },
        ]),
      );
    return providers.get(key)!;
  };

  it.each(CERTIFICATE_KEYS)("%s: passes when the IdP's claim is the sender's value", async (key) => {
    const { recipient, trail } = await sendAndAuthenticate(await providerFor(key), { [key]: SAME[key] });
    expect(recipient.AuthenticationState).toBe("Authenticated");
    expect(trail.map((e) => e.action)).toContain("AuthenticationSuccess");
  });

  it.each(CERTIFICATE_KEYS)("%s: fails when it differs, naming the field", async (key) => {
    const { recipient, trail } = await sendAndAuthenticate(await providerFor(key), { [key]: OTHER[key] });
    expect(recipient.AuthenticationState).toBe("Failed");
    const failed = trail.find((e) => e.action === "AuthenticationFailed");
    expect(failed?.data).toMatchObject({
      step: "mapping",
      mappings: [
        { field: CERTIFICATE_FIELDS[key], mode: "validate", reason: expect.stringContaining("does not match") },
      ],
    });
  });

  it("fails with no expected value when the sender gave none (as before this field had an input)", async () => {
    const { recipient, trail } = await sendAndAuthenticate(await providerFor("DocumentNumber"), {});
    expect(recipient.AuthenticationState).toBe("Failed");
    expect(JSON.stringify(trail.find((e) => e.action === "AuthenticationFailed")?.data)).toContain(
      "there is no expected value",
    );
  });
});

describe("Update mappings fill the disposable certificate", () => {
  it("writes every field from the IdP's claims, normalised, under the REST names; GET shows them", async () => {
    const providerId = await signerProvider(
      "Update certificate",
      CERTIFICATE_KEYS.map((key) => ({
        path: claimPath(key),
        mode: "update" as const,
        field: CERTIFICATE_FIELDS[key],
        respectCase: false,
      })),
    );
    const { recipient, trail } = await sendAndAuthenticate(providerId, { DocumentNumber: "old-number" });
    expect(recipient.AuthenticationState).toBe("Authenticated");
    const expected = {
      ...CLAIMS,
      DocumentExpiryDate: "2030-01-14",
      IdentificationIssuingCountry: "DE",
      PhoneNumber: "+491701234567",
      DocumentIssuingCountry: "DE",
    };
    expect(recipient.DisposableCertificate).toEqual(expected);
    // The certificate of completion reads the row: its keys are the REST names.
    const [row] = await handle.db.select().from(recipients).where(eq(recipients.id, recipient.RecipientId));
    expect(row!.certificate).toEqual(expected);
    const updated = trail.find((e) => e.action === "RecipientDataUpdated")?.data as {
      changes: { field: string; from: string | null; to: string }[];
    };
    expect(updated.changes).toContainEqual({ field: "documentNumber", from: "old-number", to: "X123-456/7" });
    expect(updated.changes).toHaveLength(CERTIFICATE_KEYS.length);
  });
});

describe("DisposableCertificate in the REST body", () => {
  const PATH = "$.SendEnvelopeDescription.Steps[0].Recipients[0].DisposableCertificate";

  it("is stored as sent (countries in capitals, the phone international) and shown on GET with every key", async () => {
    const name = `Given ${crypto.randomUUID()}`;
    const id = await send(name, {
      DocumentNumber: " AB 123 ",
      DocumentIssuedOn: "2021-02-28",
      CountryOfResidence: "ch",
      PhoneNumber: "0041 79 123 45 67",
      DocumentIssuedBy: "",
      Unknown: "dropped",
    });
    const json = await getEnvelope(handle.db, id, { userId: w.sender.userId, seeAll: false });
    expect(json.Steps[0]!.Recipients[0]!.DisposableCertificate).toEqual({
      ...Object.fromEntries(CERTIFICATE_KEYS.map((k) => [k, null])),
      DocumentNumber: "AB 123",
      DocumentIssuedOn: "2021-02-28",
      CountryOfResidence: "CH",
      PhoneNumber: "+41791234567",
    });
  });

  it("round-trips through a draft and the designer's form", async () => {
    const given = { ...SAME, CountryOfResidence: "AT", PhoneNumber: "+491701234567" };
    const id = await send(`Draft ${crypto.randomUUID()}`, given, [], "draft");
    const draft = await getDraft(handle.db, id, w.sender.userId);
    const form = fromRequest(draft.request, []);
    if (!form.ok) throw new Error(form.reason);
    expect(form.values.recipients[0]!.certificate).toEqual(given);
    const again = ZSendEnvelopeRequest.parse(toRequest(form.values, draft.files, []));
    expect(again.SendEnvelopeDescription.Steps[0]!.Recipients[0]!.DisposableCertificate).toEqual(given);
  });

  it.each([
    ["DocumentIssuedOn", "2024-02-30", "not a real day"],
    ["DocumentIssuedOn", "31.12.2030", "not ISO 8601"],
    ["DocumentExpiryDate", "2030-12-31T00:00:00Z", "a time, not a date"],
    ["DocumentExpiryDate", "20301231", "the basic form"],
    ["CountryOfResidence", "ZZ", "not an assigned code"],
    ["DocumentIssuingCountry", "DEU", "alpha-3"],
    ["IdentificationIssuingCountry", "Germany", "a name"],
    ["PhoneNumber", "0170 1234567", "not international"],
    ["DocumentNumber", "A\nB", "a line break"],
  ])("%s %j (%s) is a 400 naming its path", async (key, value) => {
    const name = `Refused ${crypto.randomUUID()}`;
    const err = await send(name, { DocumentType: "Passport", [key]: value }).catch((e: unknown) => e);
    const answer = toErrorResponse(err);
    expect(answer.status).toBe(400);
    const json = (await answer.json()) as { error: { details: { path: string; message: string }[] } };
    expect(json.error.details.map((d) => d.path)).toEqual([`${PATH}.${key}`]);
  });
});

describe("migration 0021", () => {
  it("moves certificate data written under the mapping field names to the REST names", async () => {
    const id = await send(`Old keys ${crypto.randomUUID()}`, {}, [], "draft");
    const [row] = await handle.db.select().from(recipients).where(eq(recipients.envelopeId, id));
    await handle.db
      .update(recipients)
      .set({ certificate: { documentNumber: "X1", certificatePhone: "+4917000000", countryOfResidence: "AT" } })
      .where(eq(recipients.id, row!.id));
    const migration = readFileSync(
      new URL("../../db/migrations/0021_certificate_rest_keys.sql", import.meta.url),
      "utf8",
    );
    await handle.db.execute(sql.raw(migration));
    const [after] = await handle.db.select().from(recipients).where(eq(recipients.id, row!.id));
    expect(after!.certificate).toEqual({ DocumentNumber: "X1", PhoneNumber: "+4917000000", CountryOfResidence: "AT" });
  });
});
