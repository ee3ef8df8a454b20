import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromRequest, toRequest } from "@/components/envelopes/designer-values";
import { withDraftExtras } from "@/components/envelopes/draft-extras";
import type { DbHandle } from "@/db/client";
import { auditEvents, envelopes, mailOutbox } from "@/db/schema";
import { envelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { openPostgresTestDb } from "@/db/test/test-db";
import { toErrorResponse } from "@/lib/errors";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { sendDraft } from "./create-envelope";
import { designerProviders } from "./designer-providers";
import { getDraft } from "./get-draft";
import { getEnvelope } from "./get-envelope";
import { ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "./schema";
import { updateDraft } from "./update-draft";

let handle: DbHandle;
let w: EnvelopeWorld;
let other: EnvelopeWorld;
let provider: { id: string; name: string };

beforeAll(async () => {
  handle = await openPostgresTestDb();
  w = await envelopeWorld(handle.db);
  other = await envelopeWorld(handle.db);
  const created = await createProvider(
    providerCtx(handle.db),
    oidcProviderInput({
      usedForSignerAuthentication: true,
      jwt: {
        jwksUri: "https://idp.example.com/jwks",
        issuer: "https://idp.example.com",
        mappings: [
          { path: "national_id", mode: "validate", field: "custom", customFieldId: "nationalId", respectCase: false },
        ],
      },
    }),
  );
  provider = { id: created.id, name: created.name };
});
afterAll(async () => {
  await handle?.close();
});

const put = (world: EnvelopeWorld, id: string, body: TSendEnvelopeRequest) =>
  updateDraft(world.ctx(), world.sender, id, ZSendEnvelopeRequest.parse(body));
const status = async (err: unknown) => ({
  status: toErrorResponse(err).status,
  body: (await toErrorResponse(err).json()) as { error: { code: string; details?: { path: string }[] } },
});
const snapshot = async (world: EnvelopeWorld, id: string) =>
  getEnvelope(handle.db, id, { userId: world.sender.userId, seeAll: false });
const countRows = async (id: string) =>
  (
    await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.envelopeId, id))
  )[0]!.n;

describe("PUT /api/v6/envelope/<id> (drafts only, the owner only)", () => {
  it("replaces the draft's content; nothing is mailed or audited until it is sent, then the new recipients are invited", async () => {
    const name = `Draft ${crypto.randomUUID()}`;
    const id = await w.create(
      w.body(name, [{ email: "old@example.test", methods: [{ Method: "AccessCode", Parameter: "old-code" }] }]),
      "draft",
    );
    const renamed = `${name} v2`;
    const body = w.body(
      renamed,
      [
        {
          email: "new.signer@example.test",
          first: "Nina",
          last: "New",
          phone: "+4917000000001",
          methods: [
            { Method: "SmsCode" },
            {
              Method: "CustomOAuthProvider",
              ProviderId: provider.id,
              Filters: [{ CompareOperation: "Equals", FilterId: "Email", FilterValue: "new.signer@example.test" }],
              CustomValues: [{ FieldReferenceId: "nationalId", Value: "X-1" }],
            },
          ],
        },
        { email: "copy@example.test", type: "Cc" },
      ],
      { EmailSubject: "Please sign v2", ExpirationInSecondsAfterSending: 7 * 86400 },
    );
    expect(await put(w, id, body)).toEqual({ EnvelopeId: id });

    const json = await snapshot(w, id);
    expect(json).toMatchObject({
      Name: renamed,
      Status: "draft",
      EmailSubject: "Please sign v2",
      ExpirationInSecondsAfterSending: 7 * 86400,
    });
    expect(json.Steps.map((s) => [s.OrderIndex, s.RecipientType, s.Recipients.map((r) => r.Email)])).toEqual([
      [1, "Signer", ["new.signer@example.test"]],
      [2, "Cc", ["copy@example.test"]],
    ]);
    expect(json.Steps[0]!.Recipients[0]!.AuthenticationMethods.map((m) => m.Method)).toEqual([
      "SmsCode",
      "CustomOAuthProvider",
    ]);
    expect(json.SignatureFields).toHaveLength(1);
    expect(await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "old@example.test"))).toHaveLength(
      0,
    );
    expect(await countRows(id)).toBe(0);

    await sendDraft(w.ctx(), w.sender, id);
    expect(await w.linkFor("new.signer@example.test", renamed)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "old@example.test"))).toHaveLength(
      0,
    );
    expect((await w.trail(id)).map((e) => e.action)).toEqual(["WorkstepCreated", "EnvelopeSent"]);
    expect(new Date((await snapshot(w, id)).ExpiresAt!).getTime() - Date.now()).toBeGreaterThan(7 * 86400_000 - 60_000);

    // Sent: no longer a draft.
    const err = await put(w, id, body).catch((e: unknown) => e);
    expect(await status(err)).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    expect((await snapshot(w, id)).Name).toBe(renamed);
  });

  it("someone else's draft is not found, and stays as it was", async () => {
    const name = `Mine ${crypto.randomUUID()}`;
    const id = await w.create(w.body(name, [{ email: "a@example.test" }]), "draft");
    const before = await snapshot(w, id);
    const err = await put(other, id, other.body("Hijacked", [{ email: "evil@example.test" }])).catch((e: unknown) => e);
    expect(await status(err)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    await expect(sendDraft(other.ctx(), other.sender, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getDraft(handle.db, id, other.sender.userId)).rejects.toMatchObject({ code: "not_found" });
    expect(await snapshot(w, id)).toEqual(before);
    for (const bad of ["not-a-uuid", crypto.randomUUID()])
      await expect(put(w, bad, w.body("x", [{ email: "a@example.test" }]))).rejects.toMatchObject({
        code: "not_found",
      });
  });

  it("a body naming an unknown provider or a file of someone else is a 400 with each path, and changes nothing", async () => {
    const name = `Keep ${crypto.randomUUID()}`;
    const id = await w.create(
      w.body(name, [{ email: "keep@example.test", methods: [{ Method: "AccessCode", Parameter: "keep-code" }] }]),
      "draft",
    );
    const before = await snapshot(w, id);
    const bad = w.body("Broken", [
      { email: "b@example.test", methods: [{ Method: "CustomOAuthProvider", Parameter: "No such provider" }] },
    ]);
    bad.SspFileIds = [other.fileId];
    const err = await put(w, id, bad).catch((e: unknown) => e);
    const answer = await status(err);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details!.map((d) => d.path).sort()).toEqual([
      "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[0].Parameter",
      "$.SspFileIds[0]",
    ]);
    expect(await snapshot(w, id)).toEqual(before);
    const [row] = await handle.db
      .select({ updatedAt: envelopes.updatedAt, createdAt: envelopes.createdAt })
      .from(envelopes)
      .where(eq(envelopes.id, id));
    expect(row!.updatedAt.getTime()).toBe(row!.createdAt.getTime());
  });

  it("the designer opens a draft as the body that made it, and saving it back unchanged keeps it as it was (access codes entered again)", async () => {
    const name = `Round trip ${crypto.randomUUID()}`;
    const id = await w.create(
      w.body(
        name,
        [
          {
            email: "rt@example.test",
            first: "Rita",
            last: "Trip",
            phone: "+4917000000002",
            methods: [
              { Method: "AccessCode", Parameter: "rt-code-1" },
              { Method: "SmsCode" },
              {
                Method: "CustomOAuthProvider",
                ProviderId: provider.id,
                Filters: [{ CompareOperation: "EndsWith", FilterId: "Email", FilterValue: "@example.test" }],
                CustomValues: [{ FieldReferenceId: "nationalId", Value: "N-42" }],
              },
            ],
          },
          { email: "rt.cc@example.test", type: "Cc" },
        ],
        { ExpirationInSecondsAfterSending: 3 * 86400 },
      ),
      "draft",
    );
    const before = await snapshot(w, id);
    const draft = await getDraft(handle.db, id, w.sender.userId);
    expect(JSON.stringify(draft)).not.toMatch(/rt-code-1|argon2/);
    const providers = await designerProviders(handle.db);
    const form = fromRequest(draft.request, providers);
    if (!form.ok) throw new Error(form.reason);
    expect(form.values).toMatchObject({
      name,
      expiresInDays: 3,
      recipients: [
        { email: "rt@example.test", accessCodeOn: true, accessCode: "", sms: true, phone: "+4917000000002" },
        { role: "Cc" },
      ],
    });
    const pi = providers.findIndex((p) => p.id === provider.id);
    expect(form.values.recipients[0]!.providers[pi]).toEqual({
      on: true,
      filters: [{ field: "Email", operation: "EndsWith", value: "@example.test" }],
      custom: ["N-42"],
    });

    // Without the access code the body is refused at its path; with it, saving changes nothing visible.
    const noCode = ZSendEnvelopeRequest.safeParse(toRequest(form.values, draft.files, providers));
    expect(noCode.success).toBe(false);
    expect(noCode.error!.issues.map((i) => i.path.join("."))).toEqual([
      "SendEnvelopeDescription.Steps.0.Recipients.0.AuthenticationMethods.0.Parameter",
    ]);
    form.values.recipients[0]!.accessCode = "rt-code-2";
    await put(w, id, toRequest(form.values, draft.files, providers));
    const after = await snapshot(w, id);
    const ids = (j: typeof before) =>
      JSON.parse(JSON.stringify(j).replace(/"RecipientId":"[^"]+"/g, '"RecipientId":"x"')) as unknown;
    expect(ids(after)).toEqual(ids(before));
    // Several documents: each field keeps its document and comes back out as the same task.
    const task = {
      DiscriminatorType: "Signature",
      PositionPage: 1,
      Position: { PositionX: 10, PositionY: 20 },
      Size: { Width: 100, Height: 40 },
      DocRefNumber: 2,
    };
    const d = draft.request.SendEnvelopeDescription;
    const twoDocs = fromRequest(
      {
        SspFileIds: [w.fileId, w.fileId],
        SendEnvelopeDescription: {
          ...d,
          Steps: d.Steps.map((s, i) =>
            i === 0 ? { ...s, WorkstepConfiguration: { WorkstepTasks: { Tasks: [task] } } } : s,
          ),
        },
      },
      providers,
    );
    if (!twoDocs.ok) throw new Error(twoDocs.reason);
    expect(twoDocs.values.fields).toEqual([
      { recipient: "r1", doc: 2, page: 1, x: 10, y: 20, width: 100, height: 40, allowed: ["Click2Sign"] },
    ]);
    const again = toRequest(twoDocs.values, [draft.files[0]!, draft.files[0]!], providers);
    expect(again.SspFileIds).toEqual([w.fileId, w.fileId]);
    expect(again.SendEnvelopeDescription.Steps[0]!.WorkstepConfiguration).toEqual({ WorkstepTasks: { Tasks: [task] } });
  });

  it("what only REST sets (callbacks, DisableEmail, EmailBodyExtra, AllowDelegation, agreements, hidden documents...) survives GET and PUT, and a save in the designer", async () => {
    const name = `REST extras ${crypto.randomUUID()}`;
    const body = w.body(
      name,
      [{ email: "extra@example.test", methods: [{ Method: "AccessCode", Parameter: "ex-code-1" }] }],
      {
        StatusUpdateCallbackUrl: "https://hooks.example.test/status",
        CallbackUrl: "https://hooks.example.test/done",
        DisplayedEmailSender: "Contracts team",
      },
    );
    const step = body.SendEnvelopeDescription.Steps[0]! as Record<string, unknown>;
    Object.assign(step, {
      DocumentOptions: [{ DocumentReference: 1, IsHidden: true }],
      WorkstepConfiguration: {
        WorkstepTasks: {
          Tasks: [
            {
              DiscriminatorType: "Agreements",
              Texts: [{ Language: "*", Value: "I agree to the terms." }],
              Headings: [],
            },
          ],
        },
      },
    });
    Object.assign(body.SendEnvelopeDescription.Steps[0]!.Recipients[0]!, {
      LanguageCode: "de",
      DisableEmail: true,
      EmailBodyExtra: "Bring your ID.",
      AllowDelegation: true,
      SkipExternalDataValidation: true,
    });
    const id = await w.create(body, "draft");
    const kept = (r: TSendEnvelopeRequest) => {
      const d = r.SendEnvelopeDescription;
      const s = d.Steps[0]! as Record<string, unknown> & TSendEnvelopeRequest["SendEnvelopeDescription"]["Steps"][0];
      const { Email: _e, FirstName: _f, LastName: _l, AuthenticationMethods: _a, ...recipient } = s.Recipients[0]!;
      return {
        callbacks: [d.StatusUpdateCallbackUrl, d.CallbackUrl, d.DisplayedEmailSender],
        hidden: s.DocumentOptions,
        agreement: s.WorkstepConfiguration?.WorkstepTasks?.Tasks?.filter((t) => t.DiscriminatorType === "Agreements"),
        recipient,
      };
    };
    const first = await getDraft(handle.db, id, w.sender.userId);
    expect(kept(first.request)).toEqual({
      callbacks: ["https://hooks.example.test/status", "https://hooks.example.test/done", "Contracts team"],
      hidden: [{ DocumentReference: 1, IsHidden: true }],
      agreement: [
        { DiscriminatorType: "Agreements", Texts: [{ Language: "*", Value: "I agree to the terms." }], Headings: [] },
      ],
      recipient: {
        LanguageCode: "de",
        DisableEmail: true,
        EmailBodyExtra: "Bring your ID.",
        AllowDelegation: true,
        SkipExternalDataValidation: true,
      },
    });

    // REST: the draft's own body PUT back (with its access code, stored only hashed) keeps them.
    const rest = structuredClone(first.request);
    rest.SendEnvelopeDescription.Steps[0]!.Recipients[0]!.AuthenticationMethods![0]!.Parameter = "ex-code-2";
    await put(w, id, rest);
    const afterRest = await getDraft(handle.db, id, w.sender.userId);
    expect(kept(afterRest.request)).toEqual(kept(first.request));

    // The designer: it edits none of them, and saving there keeps every one.
    const providers = await designerProviders(handle.db);
    const form = fromRequest(afterRest.request, providers);
    if (!form.ok) throw new Error(form.reason);
    form.values.recipients[0]!.accessCode = "ex-code-3";
    form.values.subject = "Edited in the designer";
    const saved = withDraftExtras(toRequest(form.values, afterRest.files, providers), afterRest.request);
    await put(w, id, saved);
    const afterDesigner = await getDraft(handle.db, id, w.sender.userId);
    expect(afterDesigner.request.SendEnvelopeDescription.EmailSubject).toBe("Edited in the designer");
    expect(kept(afterDesigner.request)).toEqual(kept(first.request));
    // Without the draft's body (the designer before), they were lost.
    await put(w, id, toRequest(form.values, afterRest.files, providers));
    expect(kept((await getDraft(handle.db, id, w.sender.userId)).request).recipient).toEqual({ LanguageCode: "en" });
  });
});
