import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { received } from "@/db/test/mail";
import { testEncryptionKeys } from "@/db/test/provider-ctx";
import { evaluateMappings } from "@/lib/oauth/mappings";
import { verifyAccessCode } from "./code-authentication";
import { delegateWorkstep } from "./delegate";
import { findSignerDocument, findSigning } from "./find-signing";
import { getEnvelope } from "./get-envelope";
import { ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "./schema";
import { acceptAgreement, finishWorkstep, signField } from "./sign-workstep";

// Issue 17 "The rest of the seed's recipient and envelope fields": each one acts, or is refused
// with a 400 naming it when it asks for something this app does not do; the seed's JSON still sends.

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const owner = () => ({ userId: w.sender.userId, seeAll: false });
const issues = (body: unknown) =>
  ZSendEnvelopeRequest.safeParse(body).error?.issues.map((i) => [`$.${i.path.join(".")}`, i.message]) ?? [];
/** A one-step body whose step / recipient get `step` / `recipient` fields. */
function body(
  name: string,
  email: string,
  recipient: Record<string, unknown>,
  step: Record<string, unknown> = {},
  extra = {},
) {
  const b = w.body(name, [{ email }], extra);
  Object.assign(b.SendEnvelopeDescription.Steps[0]!, step);
  Object.assign(b.SendEnvelopeDescription.Steps[0]!.Recipients[0]!, recipient);
  return b;
}
const invitationsTo = (email: string) =>
  handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.template, "signer_invitation")));

describe("the seed's fields", () => {
  it("the seed's own JSON (placeholders filled) still sends, with the fields it sets acted on", async () => {
    const email = `seed.${crypto.randomUUID().slice(0, 8)}@example.test`;
    const raw = readFileSync(new URL("./fixtures/seed-001-send-envelope.json", import.meta.url), "utf8")
      .replaceAll("##FileId##", w.fileId)
      .replaceAll("##EMAIL##", email)
      .replaceAll("##NAME##", "Seedling")
      .replaceAll("##DelegationUri##", "https://example.test/delegate")
      .replaceAll("##SignatureImagesUri##", "https://example.test/images");
    const parsed = ZSendEnvelopeRequest.safeParse(JSON.parse(raw));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data!.SendEnvelopeDescription).toMatchObject({ EnableReminders: true, FirstReminderDayAmount: 5 });
    expect(parsed.data!.SendEnvelopeDescription.Steps[0]).toMatchObject({ UseDefaultAgreements: true });
    expect(parsed.data!.SendEnvelopeDescription.Steps[0]!.Recipients[0]).toMatchObject({ AllowDelegation: true });
  });

  it("fields this app does not do are refused when set, each named by its path", () => {
    const b = body(
      "Unsupported",
      "u@example.test",
      { AddIosAppLink: true, AllowAccessFinishedWorkstep: true, IdentificationMethods: [{ Method: "x" }] },
      {
        WorkstepConfiguration: {
          FinishAction: { ServerActions: [{ a: 1 }], ClientActions: [] },
          TransactionCodeConfigurations: [{}],
          ViewerPreferences: { FinishWorkstepOnOpen: true, VisibleAreaOptions: { Enabled: true } },
          WorkstepTasks: { Tasks: [{ DiscriminatorType: "Signature", UseTimestamp: true }] },
        },
      },
      {
        LockFormFieldsAtEnvelopeFinish: true,
        AddFormFields: { Forms: { f: {} } },
        AttachSignedDocumentsToEnvelopeLog: true,
      },
    );
    const found = issues(b);
    const msg = "is not supported by this app: leave it false or empty";
    const step = "$.SendEnvelopeDescription.Steps.0";
    expect(found).toEqual(
      expect.arrayContaining(
        [
          "$.SendEnvelopeDescription.LockFormFieldsAtEnvelopeFinish",
          "$.SendEnvelopeDescription.AttachSignedDocumentsToEnvelopeLog",
          "$.SendEnvelopeDescription.AddFormFields",
          `${step}.Recipients.0.AddIosAppLink`,
          `${step}.Recipients.0.AllowAccessFinishedWorkstep`,
          `${step}.Recipients.0.IdentificationMethods`,
          `${step}.WorkstepConfiguration.FinishAction.ServerActions`,
          `${step}.WorkstepConfiguration.TransactionCodeConfigurations`,
          `${step}.WorkstepConfiguration.ViewerPreferences.FinishWorkstepOnOpen`,
          `${step}.WorkstepConfiguration.ViewerPreferences.VisibleAreaOptions.Enabled`,
          `${step}.WorkstepConfiguration.WorkstepTasks.Tasks.0.UseTimestamp`,
        ].map((p) => [p, msg]),
      ),
    );
    expect(found).toHaveLength(11);
  });

  it("DisableEmail: no invitation mail; the sender reads the signing link over REST, and it works", async () => {
    const name = `NoMail ${crypto.randomUUID()}`;
    const id = await w.create(body(name, "no-mail.seed-fields@example.test", { DisableEmail: true }));
    expect(await invitationsTo("no-mail.seed-fields@example.test")).toEqual([]);
    const r = (await getEnvelope(handle.db, id, owner(), testEncryptionKeys)).Steps[0]!.Recipients[0]!;
    expect(r).toMatchObject({ DisableEmail: true, Status: "invited" });
    expect(r.SigningUrl).toMatch(/^http:\/\/localhost:3000\/sign\/[A-Za-z0-9_-]{43}$/);
    const view = await findSigning(handle.db, r.SigningUrl!.split("/sign/")[1]!, null);
    expect(view.ok).toBe(true);
    // Without the keys (the envelope page) no link is shown.
    expect((await getEnvelope(handle.db, id, owner())).Steps[0]!.Recipients[0]!.SigningUrl).toBeUndefined();
  });

  it("EmailBodyExtra (step, then recipient) is appended to the invitation; DisplayedEmailSender names the sender", async () => {
    const name = `Extra ${crypto.randomUUID()}`;
    await w.create(
      body(
        name,
        "extra@example.test",
        { EmailBodyExtra: "Bring your ID." },
        { EmailBodyExtra: "Step note." },
        {
          DisplayedEmailSender: "ACME Contracts",
        },
      ),
    );
    const [mail] = (await invitationsTo("extra@example.test")).filter((m) => m.text.includes(name));
    const text = received(mail!).text;
    expect(text).toContain("Step note.\n\nBring your ID.");
    expect(mail!.subject).toBe(`ACME Contracts asks you to sign: ${name}`);
    expect(text).not.toContain("Sam Sender");
  });

  it("DocumentOptions IsHidden: the step's signer does not see that document", async () => {
    const name = `Hidden ${crypto.randomUUID()}`;
    const b = body(
      name,
      "hid@example.test",
      {},
      {
        DocumentOptions: [
          { DocumentReference: "1", IsHidden: false },
          { DocumentReference: "2", IsHidden: true },
        ],
      },
    ) as TSendEnvelopeRequest;
    b.SspFileIds = [w.fileId, w.fileId];
    await w.create(b);
    const token = await w.linkFor("hid@example.test", name);
    const view = await findSigning(handle.db, token, null);
    if (!view.ok) throw new Error(view.reason);
    expect(view.documents.map((d) => d.docRef)).toEqual([1]);
    expect(await findSignerDocument(handle.db, { token, docRef: 2, browserToken: null })).toBeNull();
    expect(await findSignerDocument(handle.db, { token, docRef: 1, browserToken: null })).not.toBeNull();
  });

  it("DocumentOptions naming a document the envelope does not have is a 400 at its path, and nothing is made", async () => {
    const name = `Hidden beyond ${crypto.randomUUID()}`;
    const b = body(name, "beyond@example.test", {}, { DocumentOptions: [{ DocumentReference: 3, IsHidden: true }] });
    await expect(w.create(b)).rejects.toMatchObject({
      code: "validation_failed",
      details: [
        {
          path: "$.SendEnvelopeDescription.Steps[0].DocumentOptions[0].DocumentReference",
          message: "Names document 3, but 1 were given",
        },
      ],
    });
    const list = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "beyond@example.test"));
    expect(list).toEqual([]);
  });

  it("AllowDelegation: the delegate authenticates with the same methods and signs; audited. Without it: refused", async () => {
    const name = `Delegate ${crypto.randomUUID()}`;
    const code = [{ Method: "AccessCode", Parameter: "maple-9000" }];
    const id = await w.create(body(name, "boss@example.test", { AllowDelegation: true, AuthenticationMethods: code }));
    const token = await w.linkFor("boss@example.test", name);
    const browser = "b".repeat(43);
    const delegate = { Email: "deputy@example.test", FirstName: "Dee", LastName: "Puty" };
    await expect(delegateWorkstep(w.signerCtx(), { token, browserToken: browser, delegate })).rejects.toMatchObject({
      code: "forbidden",
    });
    await verifyAccessCode(w.signerCtx(), { token, code: "maple-9000", browserToken: browser });
    await delegateWorkstep(w.signerCtx(), { token, browserToken: browser, delegate });
    expect(await findSigning(handle.db, token, browser)).toEqual({ ok: false, reason: "unknown" });

    const next = await w.linkFor("deputy@example.test", name);
    const other = "c".repeat(43);
    const view = await findSigning(handle.db, next, other);
    if (!view.ok) throw new Error(view.reason);
    expect(view.authenticated).toBe(false);
    expect(await verifyAccessCode(w.signerCtx(), { token: next, code: "maple-9000", browserToken: other })).toEqual({
      ok: true,
    });
    await acceptAgreement(w.signerCtx(), { token: next, browserToken: other });
    for (const f of view.fields) await signField(w.signerCtx(), { token: next, browserToken: other, fieldId: f.id });
    expect(await finishWorkstep(w.signerCtx(), { token: next, browserToken: other })).toEqual({ completed: true });

    const steps = (await getEnvelope(handle.db, id, owner())).Steps[0]!.Recipients;
    expect(steps.map((r) => [r.Email, r.Status])).toEqual([
      ["boss@example.test", "delegated"],
      ["deputy@example.test", "signed"],
    ]);
    const trail = await w.trail(id);
    expect(trail.find((e) => e.action === "WorkstepDelegated")?.data).toMatchObject({
      from: "boss@example.test",
      to: "deputy@example.test",
    });

    const no = `NoDelegate ${crypto.randomUUID()}`;
    await w.create(body(no, "solo@example.test", {}));
    const solo = await w.linkFor("solo@example.test", no);
    await expect(delegateWorkstep(w.signerCtx(), { token: solo, browserToken: null, delegate })).rejects.toMatchObject({
      code: "forbidden",
      message: "The sender does not allow delegating this signing",
    });
  });

  it("SkipExternalDataValidation: Validate mappings are skipped (Update mappings still apply)", () => {
    const mappings = [
      { path: "email", mode: "validate" as const, field: "email" as const, respectCase: false },
      { path: "given_name", mode: "update" as const, field: "firstName" as const, respectCase: false },
    ];
    const run = (skipValidate: boolean) =>
      evaluateMappings(
        { claims: { email: "someone@else.test", given_name: "Ann" }, resources: [] },
        { jwt: { mappings }, resourceUris: [] },
        { recipient: { email: "ann@example.test" }, custom: {}, skipValidate },
      ).map((o) => o.outcome);
    expect(run(false)).toEqual(["invalid", "update"]);
    expect(run(true)).toEqual(["skipped", "update"]);
  });
});
