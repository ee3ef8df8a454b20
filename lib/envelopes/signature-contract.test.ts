import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { signatureFields } from "@/db/schema";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { signatureDataUrl, signaturePng } from "@/lib/testing/signature-png";
import { findSigning } from "./find-signing";
import { getDraft } from "./get-draft";
import { getEnvelope } from "./get-envelope";
import { ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "./schema";
import { acceptAgreement, signField } from "./sign-workstep";

// Issue 15, the signature contract: a task's AllowedSignatureTypes and StampImprintConfiguration
// (the seed's shape) are stored and answered; signField takes a click, a drawn PNG or a typed
// name as the field allows, and stores it with the signer's address.

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const STAMP = {
  DisplayExtraInformation: true,
  DisplayEmail: true,
  DisplayIp: true,
  DisplayName: true,
  DisplaySignatureDate: true,
  FontFamily: "Times New Roman",
  FontSize: 11.0,
  DisplayTransactionId: true,
  DisplayPhoneNumber: false,
};

/** One signer with two fields: the first allows drawing and typing, the second (no types named) Click2Sign. */
function withTypes(name: string, email: string, types: unknown[]): TSendEnvelopeRequest {
  const body = w.body(name, [{ email }]);
  body.SendEnvelopeDescription.Steps![0]!.WorkstepConfiguration = {
    WorkstepTasks: {
      Tasks: [
        {
          DiscriminatorType: "Signature",
          PositionPage: 1,
          Position: { PositionX: 84, PositionY: 573 },
          Size: { Width: 190, Height: 80 },
          AllowedSignatureTypes: types as never,
        },
        {
          DiscriminatorType: "Signature",
          PositionPage: 1,
          Position: { PositionX: 84, PositionY: 100 },
          Size: { Width: 190, Height: 80 },
        },
      ],
    },
  };
  return body;
}

describe("AllowedSignatureTypes and StampImprintConfiguration over REST", () => {
  it("stores the seed's types and stamp configuration, and GET and the draft answer them", async () => {
    const name = `Types ${crypto.randomUUID()}`;
    const id = await w.create(
      withTypes(name, "tia@example.test", [
        { DiscriminatorType: "SigTypeDraw2Sign", StampImprintConfiguration: STAMP },
        { AllowedCapturingMethod: "Click2Sign", Id: "98dd404c", Preferred: false },
        { DiscriminatorType: "SigTypeType2Sign" },
      ]),
      "draft",
    );
    const got = await getEnvelope(handle.db, id, { userId: w.sender.userId, seeAll: false });
    const [first, second] = got.SignatureFields.sort((a, b) => b.Y - a.Y);
    expect(first!.AllowedSignatureTypes.map((t) => t.DiscriminatorType)).toEqual([
      "SigTypeDraw2Sign",
      "SigTypeClick2Sign",
      "SigTypeType2Sign",
    ]);
    expect(first!.StampImprintConfiguration).toEqual({
      DisplayName: true,
      DisplayEmail: true,
      DisplayIp: true,
      DisplaySignatureDate: true,
      DisplayTransactionId: true,
      DisplayPhoneNumber: false,
      FontFamily: "Times New Roman",
      FontSize: 11,
    });
    expect(second!.AllowedSignatureTypes).toEqual([{ DiscriminatorType: "SigTypeClick2Sign" }]);
    expect(second!.StampImprintConfiguration).toBeNull();
    // The draft comes back as a body that parses to the same types.
    const draft = await getDraft(handle.db, id, w.sender.userId);
    const again = ZSendEnvelopeRequest.parse(draft.request);
    const tasks = again.SendEnvelopeDescription.Steps[0]!.WorkstepConfiguration!.WorkstepTasks!.Tasks;
    expect(tasks.map((t) => t.AllowedSignatureTypes?.map((a) => a.type))).toContainEqual([
      "Draw",
      "Click2Sign",
      "Type",
    ]);
  });

  it("refuses a type it does not support, and a bad font size, naming the path", () => {
    const body = withTypes("Bad", "x@example.test", [
      { DiscriminatorType: "SigTypeBiometric" },
      { DiscriminatorType: "SigTypeClick2Sign", StampImprintConfiguration: { FontSize: 500 } },
    ]);
    const parsed = ZSendEnvelopeRequest.safeParse(body);
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const at = "SendEnvelopeDescription.Steps.0.WorkstepConfiguration.WorkstepTasks.Tasks.0.AllowedSignatureTypes";
    expect(issues).toContainEqual({
      path: `${at}.0.DiscriminatorType`,
      message: "SigTypeBiometric is not supported: one of SigTypeClick2Sign, SigTypeDraw2Sign or SigTypeType2Sign",
    });
    expect(issues).toContainEqual({ path: `${at}.1.StampImprintConfiguration.FontSize`, message: "At most 36" });
  });
});

describe("signField with a signature", () => {
  async function signerOf(types: unknown[]) {
    const name = `Sign ${crypto.randomUUID()}`;
    const email = `s-${crypto.randomUUID().slice(0, 8)}@example.test`;
    await w.create(withTypes(name, email, types));
    const token = await w.linkFor(email, name);
    await acceptAgreement(w.signerCtx(), { token, browserToken: null });
    const view = await findSigning(handle.db, token, null);
    if (!view.ok) throw new Error(view.reason);
    const [drawable, clickOnly] = view.fields.sort((a, b) => b.y - a.y);
    return { token, drawable: drawable!, clickOnly: clickOnly! };
  }
  const ctx = () => ({ ...w.signerCtx(), ip: "203.0.113.7" });
  const row = async (id: string) =>
    (await handle.db.select().from(signatureFields).where(eq(signatureFields.id, id)))[0]!;

  it("stores a drawn PNG and a typed name with the signer's address; the page sees the allowed types, not the image", async () => {
    const s = await signerOf([{ DiscriminatorType: "SigTypeDraw2Sign" }, { DiscriminatorType: "SigTypeType2Sign" }]);
    expect(s.drawable.allowedTypes).toEqual(["Draw", "Type"]);
    expect(s.clickOnly.allowedTypes).toEqual(["Click2Sign"]);
    const png = signaturePng();
    await signField(ctx(), {
      token: s.token,
      browserToken: null,
      fieldId: s.drawable.id,
      signature: { type: "Draw", png: signatureDataUrl(png) },
    });
    const drawn = await row(s.drawable.id);
    expect(drawn).toMatchObject({ signatureType: "Draw", typedText: null, signedIp: "203.0.113.7" });
    expect(drawn.signatureImage!.equals(png)).toBe(true);
    expect(drawn.signedAt).toBeInstanceOf(Date);
    // Typing on a click-only field is refused, saying what it allows; a click signs it.
    await expect(
      signField(ctx(), {
        token: s.token,
        browserToken: null,
        fieldId: s.clickOnly.id,
        signature: { type: "Type", text: "Tia Typed" },
      }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: "This field cannot be signed by typing your name; it allows clicking",
    });
    expect((await row(s.clickOnly.id)).signedAt).toBeNull();
    await signField(ctx(), { token: s.token, browserToken: null, fieldId: s.clickOnly.id });
    expect(await row(s.clickOnly.id)).toMatchObject({ signatureType: "Click2Sign", signatureImage: null });
    // The signer page's view carries neither the image nor the address.
    const view = await findSigning(handle.db, s.token, null);
    if (!view.ok) throw new Error(view.reason);
    expect(view.fields.every((f) => !("signatureImage" in f) && !("signedIp" in f))).toBe(true);
  });

  it("stores a typed name; refuses a click where it is not allowed, an empty or long name, and a fake or huge PNG", async () => {
    const s = await signerOf([{ DiscriminatorType: "SigTypeType2Sign" }, { DiscriminatorType: "SigTypeDraw2Sign" }]);
    const sign = (signature: Parameters<typeof signField>[1]["signature"]) =>
      signField(ctx(), { token: s.token, browserToken: null, fieldId: s.drawable.id, signature });
    await expect(sign({ type: "Click2Sign" })).rejects.toMatchObject({ code: "conflict" });
    await expect(sign({ type: "Type", text: "   " })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(sign({ type: "Type", text: "x".repeat(101) })).rejects.toMatchObject({ code: "validation_failed" });
    const notPng = `data:image/png;base64,${Buffer.from("GIF89a definitely not a png").toString("base64")}`;
    await expect(sign({ type: "Draw", png: notPng })).rejects.toMatchObject({
      message: "The drawn signature is not a PNG image",
    });
    await expect(sign({ type: "Draw", png: "data:image/jpeg;base64,AAAA" })).rejects.toMatchObject({
      code: "validation_failed",
    });
    const huge = signaturePng(5000, 10);
    await expect(sign({ type: "Draw", png: signatureDataUrl(huge) })).rejects.toMatchObject({
      message: "A drawn signature is at most 4000 × 4000 pixels",
    });
    // A PNG header on broken data: pdf-lib cannot read it, so it is refused now rather than at sealing.
    const broken = Buffer.concat([signaturePng().subarray(0, 40), Buffer.alloc(50, 7)]);
    await expect(sign({ type: "Draw", png: signatureDataUrl(broken) })).rejects.toMatchObject({
      message: "The drawn signature is not a readable PNG image",
    });
    expect((await row(s.drawable.id)).signedAt).toBeNull();
    await sign({ type: "Type", text: "  Tia Typed " });
    expect(await row(s.drawable.id)).toMatchObject({ signatureType: "Type", typedText: "Tia Typed" });
  });
});
