import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { seedSender, senderCtx, signingLinkFor } from "@/db/test/envelopes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, envelopes, identityProviders, mailOutbox, recipients } from "@/db/schema";
import { openPostgresTestDb } from "@/db/test/test-db";
import { signInAtProvider } from "@/e2e/fixtures/oidc-login";
import { startOidcProvider, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { toErrorResponse } from "@/lib/errors";
import { handleCallback } from "@/lib/flows/handle-callback";
import { startFlow } from "@/lib/flows/start-flow";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "@/lib/identity-providers/discovery";
import type { TMapping } from "@/lib/identity-providers/schema";
import type { Sender } from "./context";
import { createEnvelope } from "./create-envelope";
import { findSigning } from "./find-signing";
import { getEnvelope } from "./get-envelope";
import { ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "./schema";
import { acceptAgreement, finishWorkstep, signField } from "./sign-workstep";
import { received } from "@/db/test/mail";
import "@/lib/wiring/register-purposes";

let handle: DbHandle;
let idp: OidcFixture;
let sender: Sender;
let fileId: string;
const providers: Record<string, string> = {};

const ctx = () => senderCtx(handle.db, sender, [`127.0.0.1:${idp.port}`]);
const PEOPLE = {
  alice: { username: "alice", password: "alice-password" },
  bob: { username: "bob", password: "bob-password" },
};

async function signerProvider(name: string, mappings: TMapping[]): Promise<string> {
  const existing = await handle.db
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(sql`lower(${identityProviders.name}) = lower(${name})`);
  if (existing[0]) return existing[0].id;
  const { input, discovery } = await loadDiscovery(wellKnownUrl(idp.issuer), ctx().config.trustedHosts);
  const created = await createProvider(
    ctx(),
    {
      ...input,
      name,
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

beforeAll(async () => {
  handle = await openPostgresTestDb();
  idp = await startOidcProvider();
  ({ sender, fileId } = await seedSender(handle.db));
  providers.seed = await signerProvider("OAuthTest", [{ path: "email", mode: "validate", field: "email" }]);
  providers.main = await signerProvider(`Signer IdP ${crypto.randomUUID()}`, [
    { path: "email", mode: "validate", field: "email" },
    { path: "family_name", mode: "update", field: "lastName" },
    { path: "phone_number", mode: "update", field: "phone" },
  ]);
  providers.plain = await signerProvider(`Plain IdP ${crypto.randomUUID()}`, []);
});
afterAll(async () => {
  await idp?.close();
  await handle?.close();
});

const linkFor = (email: string, envelopeName: string) => signingLinkFor(handle.db, email, envelopeName);

/** Opens the link, picks the provider, signs in at the IdP as `person`, lands on the callback. */
async function authenticate(token: string, providerId: string, person: { username: string; password: string }) {
  const view = await findSigning(handle.db, token, null);
  if (!view.ok) throw new Error(view.reason);
  const flow = await startFlow(ctx(), { providerId, purpose: "signer", subjectRef: view.recipient.id });
  const login = await signInAtProvider(flow.authorizationUrl, { credentials: person });
  if (login.kind !== "redirect") throw new Error("IdP did not redirect");
  const { redirectTo } = await handleCallback(
    { ...ctx(), actor: { kind: "anonymous" } },
    { providerId, params: login.location.searchParams, browserToken: flow.browserToken },
  );
  return { redirectTo, browserToken: flow.browserToken, recipientId: view.recipient.id };
}

const trail = async (envelopeId: string) =>
  handle.db.select().from(auditEvents).where(eq(auditEvents.envelopeId, envelopeId)).orderBy(auditEvents.seq);

function envelopeBody(
  name: string,
  steps: { email: string; type?: "Signer" | "Cc"; methods?: unknown[]; first?: string; last?: string }[],
): TSendEnvelopeRequest {
  return {
    SspFileIds: [fileId],
    SendEnvelopeDescription: {
      Name: name,
      Steps: steps.map((s, i) => ({
        OrderIndex: i + 1,
        RecipientType: s.type ?? "Signer",
        Recipients: [
          {
            Email: s.email,
            FirstName: s.first ?? "First",
            LastName: s.last ?? "Last",
            AuthenticationMethods: (s.methods ?? []) as never,
          },
        ],
      })),
    },
  };
}
const send = async (body: TSendEnvelopeRequest) =>
  (await createEnvelope(ctx(), sender, ZSendEnvelopeRequest.parse(body), "send")).EnvelopeId;

describe("sending envelopes", () => {
  it("accepts the seed's REST JSON (seed 001) with its placeholders filled, and invites the first signer", async () => {
    const signer = `seed.${crypto.randomUUID().slice(0, 8)}@example.test`;
    const raw = readFileSync(new URL("./fixtures/seed-001-send-envelope.json", import.meta.url), "utf8")
      .replaceAll("##FileId##", fileId)
      .replaceAll("##EMAIL##", signer)
      .replaceAll("##NAME##", "Seedling")
      .replaceAll("##DelegationUri##", "https://example.test/delegate")
      .replaceAll("##SignatureImagesUri##", "https://example.test/images");
    const id = await send(JSON.parse(raw) as TSendEnvelopeRequest);

    const json = await getEnvelope(handle.db, id, { userId: sender.userId, seeAll: false });
    expect(json).toMatchObject({ Name: "test", Status: "sent", EmailSubject: "Please sign the enclosed envelope" });
    expect(json.Steps.map((s) => [s.OrderIndex, s.RecipientType, s.Recipients[0]!.Email])).toEqual([
      [1, "Signer", signer],
      [2, "Cc", signer],
    ]);
    expect(json.Steps[0]!.Recipients[0]).toMatchObject({
      AuthenticationState: "Required",
      Status: "invited",
      AuthenticationMethods: [
        {
          Method: "CustomOAuthProvider",
          Parameter: "OAuthTest",
          Filters: [{ CompareOperation: "Equals", FilterId: "Email", FilterValue: signer }],
        },
      ],
    });
    // The seed's signature task: page 1 at (84, 573), 190 x 80 PDF units.
    expect(json.SignatureFields).toEqual([
      expect.objectContaining({ Page: 1, X: 84, Y: 573, Width: 190, Height: 80, Signed: false }),
    ]);
    const mails = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, signer));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Please sign the enclosed envelope");
    expect(mails[0]!.text).toContain("Dear Seedling Seedling");
    expect(received(mails[0]!).text).toMatch(/http:\/\/localhost:3000\/sign\/[A-Za-z0-9_-]{43}/);
    expect((await trail(id)).map((e) => e.action)).toEqual(["WorkstepCreated", "EnvelopeSent"]);
  });

  it("answers malformed bodies with the JSON path of each problem", async () => {
    const bad = {
      SspFileIds: ["not-a-uuid"],
      SendEnvelopeDescription: {
        Name: "",
        Steps: [
          {
            OrderIndex: 1,
            RecipientType: "Approver",
            Recipients: [
              {
                Email: "nope",
                AuthenticationMethods: [
                  {
                    Method: "CustomOAuthProvider",
                    Parameter: "X",
                    Filters: [{ CompareOperation: "Like", FilterId: "Email", FilterValue: "a" }],
                  },
                ],
              },
            ],
          },
        ],
      },
    };
    const paths = async (body: unknown) => {
      const parsed = ZSendEnvelopeRequest.safeParse(body);
      expect(parsed.success).toBe(false);
      const response = toErrorResponse(parsed.error);
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    };
    expect(await paths(bad)).toEqual(
      expect.arrayContaining([
        "$.SspFileIds[0]",
        "$.SendEnvelopeDescription.Name",
        "$.SendEnvelopeDescription.Steps[0].RecipientType",
        "$.SendEnvelopeDescription.Steps[0].Recipients[0].Email",
        "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[0].Filters[0].CompareOperation",
      ]),
    );
    expect(await paths({ SendEnvelopeDescription: { Name: "x", Steps: [] } })).toEqual(
      expect.arrayContaining(["$.SspFileIds", "$.SendEnvelopeDescription.Steps"]),
    );
    expect(await paths("not an object")).toEqual(["$"]);

    // Valid JSON, but naming a provider that does not exist and a file of someone else: nothing is written.
    const before = (await handle.db.select({ n: sql<number>`count(*)::int` }).from(envelopes))[0]!.n;
    const foreign = envelopeBody("Foreign", [
      { email: "x@example.test", methods: [{ Method: "CustomOAuthProvider", Parameter: "No such provider" }] },
    ]);
    foreign.SspFileIds = [crypto.randomUUID()];
    const err = await createEnvelope(ctx(), sender, ZSendEnvelopeRequest.parse(foreign), "send").catch(
      (e: unknown) => e,
    );
    const body = (await toErrorResponse(err).json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path).sort()).toEqual([
      "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[0].Parameter",
      "$.SspFileIds[0]",
    ]);
    expect((await handle.db.select({ n: sql<number>`count(*)::int` }).from(envelopes))[0]!.n).toBe(before);
  });
});

describe("signer authentication", () => {
  it("authenticates, applies Update mappings to every recipient with the same email, signs in order and completes", async () => {
    const name = `Order ${crypto.randomUUID()}`;
    const id = await send(
      envelopeBody(name, [
        {
          email: "alice@example.com",
          last: "Unknown",
          methods: [{ Method: "CustomOAuthProvider", ProviderId: providers.main }],
        },
        { email: "ALICE@example.com", last: "Other", first: "Second" },
        { email: "bob.cc@example.test", type: "Cc", last: "Copy" },
      ]),
    );
    const token = await linkFor("alice@example.com", name);
    const auth = await authenticate(token, providers.main!, PEOPLE.alice);
    expect(auth.redirectTo).toBe("/sign/resume?auth=ok");

    let json = await getEnvelope(handle.db, id, { userId: sender.userId, seeAll: false });
    const [first, second, cc] = json.Steps.map((s) => s.Recipients[0]!);
    expect(first).toMatchObject({
      LastName: "Anders",
      Phone: "+49301234567",
      AuthenticationState: "Authenticated",
      AuthenticatedWith: expect.stringContaining("Signer IdP"),
    });
    expect(second).toMatchObject({ FirstName: "Second", LastName: "Anders", Phone: "+49301234567", Status: "pending" });
    expect(cc).toMatchObject({ LastName: "Copy", Phone: null });

    const events = await trail(id);
    const success = events.find((e) => e.action === "AuthenticationSuccess")!;
    expect(success.data).toMatchObject({
      providerId: providers.main,
      subject: "sub-alice",
      claims: { email: "alice@example.com", family_name: "Anders" },
    });
    expect(JSON.stringify(success.data)).not.toMatch(/eyJ|access_token|id_token|client-basic-secret/);
    expect(events.filter((e) => e.action === "RecipientDataUpdated")).toHaveLength(2);

    // The authenticated state belongs to the browser that authenticated.
    await expect(acceptAgreement(ctx(), { token, browserToken: "x".repeat(43) })).rejects.toMatchObject({
      code: "forbidden",
    });
    const as = { token, browserToken: auth.browserToken };
    await expect(finishWorkstep(ctx(), as)).rejects.toMatchObject({ code: "conflict" });
    await acceptAgreement(ctx(), as);
    const view = await findSigning(handle.db, token, auth.browserToken);
    if (!view.ok) throw new Error(view.reason);
    await signField(ctx(), { ...as, fieldId: view.fields[0]!.id });
    expect(await finishWorkstep(ctx(), as)).toEqual({ completed: false });
    await expect(acceptAgreement(ctx(), as)).rejects.toMatchObject({ code: "conflict" });

    // The second signer (same person by email) is invited next and needs no authentication.
    const token2 = await linkFor("ALICE@example.com", name);
    const view2 = await findSigning(handle.db, token2, null);
    if (!view2.ok) throw new Error(view2.reason);
    expect(view2.authenticated).toBe(true);
    await acceptAgreement(ctx(), { token: token2, browserToken: null });
    await signField(ctx(), { token: token2, browserToken: null, fieldId: view2.fields[0]!.id });
    expect(await finishWorkstep(ctx(), { token: token2, browserToken: null })).toEqual({ completed: true });

    json = await getEnvelope(handle.db, id, { userId: sender.userId, seeAll: false });
    expect(json.Status).toBe("completed");
    const done = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.template, "envelope_completed"));
    expect(
      done
        .filter((m) => m.text.includes(name))
        .map((m) => m.toAddress)
        .sort(),
    ).toEqual(["bob.cc@example.test", sender.email].sort());
    expect((await trail(id)).map((e) => e.action).slice(-1)).toEqual(["EnvelopeCompleted"]);
    // The last signature caused it; the system completed it (issue 16: it said "anonymous").
    expect((await trail(id)).at(-1)!.actorLabel).toBe("System");
  });

  it("refuses a signer whose IdP email differs: AuthenticationFailed names the failing mapping", async () => {
    const name = `Mismatch ${crypto.randomUUID()}`;
    const id = await send(
      envelopeBody(name, [
        { email: "alice@example.com", methods: [{ Method: "CustomOAuthProvider", ProviderId: providers.main }] },
      ]),
    );
    const token = await linkFor("alice@example.com", name);
    const auth = await authenticate(token, providers.main!, PEOPLE.bob);
    expect(auth.redirectTo).toBe("/sign/resume?auth=failed");
    const failed = (await trail(id)).find((e) => e.action === "AuthenticationFailed")!;
    expect(failed.data).toMatchObject({
      step: "mapping",
      mappings: [
        { path: "email", field: "email", mode: "validate", reason: expect.stringContaining("does not match") },
      ],
    });
    expect(failed.description).toContain("failed at step 'mapping'");
    const [r] = await handle.db.select().from(recipients).where(eq(recipients.id, auth.recipientId));
    expect(r).toMatchObject({ authenticatedAt: null, lastName: "Last" });
    expect(
      (await findSigning(handle.db, token, auth.browserToken)).ok &&
        (await findSigning(handle.db, token, auth.browserToken)),
    ).toMatchObject({ authenticated: false });
  });

  it("SkipExternalDataValidation: the same mismatch authenticates, the skip is audited, Update mappings still apply", async () => {
    const name = `Skip ${crypto.randomUUID()}`;
    const body = envelopeBody(name, [
      { email: "alice@example.com", methods: [{ Method: "CustomOAuthProvider", ProviderId: providers.main }] },
    ]);
    Object.assign(body.SendEnvelopeDescription.Steps[0]!.Recipients[0]!, { SkipExternalDataValidation: true });
    const id = await send(body);
    const auth = await authenticate(await linkFor("alice@example.com", name), providers.main!, PEOPLE.bob);
    expect(auth.redirectTo).toBe("/sign/resume?auth=ok");
    const actions = (await trail(id)).map((e) => e.action);
    expect(actions).toContain("ExternalDataValidationSkipped");
    expect(actions).not.toContain("AuthenticationFailed");
    const [r] = await handle.db.select().from(recipients).where(eq(recipients.id, auth.recipientId));
    expect(r!.authenticatedAt).not.toBeNull();
    expect(r!.lastName).not.toBe("Last");
  });

  it("a signer back from the provider after the envelope expired is not authenticated (gone), and nothing is updated", async () => {
    const name = `Late ${crypto.randomUUID()}`;
    const id = await send(
      envelopeBody(name, [
        {
          email: "alice@example.com",
          last: "Before",
          methods: [{ Method: "CustomOAuthProvider", ProviderId: providers.main }],
        },
      ]),
    );
    const token = await linkFor("alice@example.com", name);
    const view = await findSigning(handle.db, token, null);
    if (!view.ok) throw new Error(view.reason);
    const flow = await startFlow(ctx(), {
      providerId: providers.main!,
      purpose: "signer",
      subjectRef: view.recipient.id,
    });
    const login = await signInAtProvider(flow.authorizationUrl, { credentials: PEOPLE.alice });
    if (login.kind !== "redirect") throw new Error("IdP did not redirect");
    // The envelope expires while the signer is at the provider.
    await handle.db
      .update(envelopes)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(envelopes.id, id));
    const { redirectTo } = await handleCallback(
      { ...ctx(), actor: { kind: "anonymous" } },
      { providerId: providers.main!, params: login.location.searchParams, browserToken: flow.browserToken },
    );
    expect(redirectTo).toBe("/sign/resume?auth=gone");
    const [r] = await handle.db.select().from(recipients).where(eq(recipients.id, view.recipient.id));
    expect(r).toMatchObject({ authenticatedAt: null, authBrowserHash: null, lastName: "Before" });
    expect((await trail(id)).map((e) => e.action)).not.toContain("AuthenticationSuccess");
    expect(await findSigning(handle.db, token, flow.browserToken)).toMatchObject({ ok: false, reason: "expired" });
  });

  const filterCases: [string, string, string, boolean][] = [
    ["Email", "Equals", "ALICE@example.com", true],
    ["Email", "Equals", "bob@example.com", false],
    ["Email", "NotEquals", "bob@example.com", true],
    ["Email", "NotEquals", "alice@example.com", false],
    ["Email", "Contains", "lice@", true],
    ["Email", "StartsWith", "alice@", true],
    ["Email", "StartsWith", "bob@", false],
    ["Email", "EndsWith", "@example.com", true],
    ["Email", "Matches", "a*@example.???", true],
    ["Email", "Matches", "a*@example.org", false],
    ["LastName", "Equals", "anders", false],
    ["LastName", "EqualsIgnoreCase", "anders", true],
    ["Subject", "Equals", "sub-alice", true],
  ];
  it.each(filterCases)("filter %s %s %s → %s", async (field, operation, value, passes) => {
    const name = `Filter ${crypto.randomUUID()}`;
    const id = await send(
      envelopeBody(name, [
        {
          email: "alice@example.com",
          methods: [
            {
              Method: "CustomOAuthProvider",
              ProviderId: providers.plain,
              Filters: [{ CompareOperation: operation, FilterId: field, FilterValue: value }],
            },
          ],
        },
      ]),
    );
    const auth = await authenticate(await linkFor("alice@example.com", name), providers.plain!, PEOPLE.alice);
    expect(auth.redirectTo).toBe(passes ? "/sign/resume?auth=ok" : "/sign/resume?auth=failed");
    const actions = (await trail(id)).map((e) => e.action);
    expect(actions).toContain(passes ? "AuthenticationSuccess" : "AuthenticationFailed");
    if (!passes)
      expect((await trail(id)).find((e) => e.action === "AuthenticationFailed")!.data).toMatchObject({
        step: "filter",
        reason: expect.stringContaining(`does not satisfy ${operation}`),
      });
  });
});
