import { describe, expect, it } from "vitest";
import { ZSendEnvelopeRequest } from "@/lib/envelopes/schema";
import {
  emptyRecipient,
  fromRequest,
  newField,
  toRequest,
  type DesignerValues,
  type UploadedFile,
} from "./designer-values";

const file = (id: string, pages: number): UploadedFile => ({
  FileId: id,
  Name: `${id}.pdf`,
  Size: 1000,
  Pages: Array.from({ length: pages }, () => [595, 842] as [number, number]),
});
const files = [file("00000000-0000-4000-8000-000000000001", 2), file("00000000-0000-4000-8000-000000000002", 1)];

function values(): DesignerValues {
  const [a, b, cc] = [emptyRecipient([]), emptyRecipient([]), emptyRecipient([])];
  Object.assign(a, { email: "a@example.test", accessCodeOn: true, accessCode: "code-1234" });
  Object.assign(b, { email: "b@example.test", accessCodeOn: true, accessCode: "code-5678" });
  Object.assign(cc, { email: "cc@example.test", role: "Cc" });
  return {
    name: "Two documents",
    subject: "",
    message: "",
    expiresInDays: 28,
    recipients: [a, b, cc],
    fields: [
      { ...newField(b.key, 2, 1, 10, 20), allowed: ["Draw", "Type"] },
      newField(a.key, 1, 2, 72, 100),
      { ...newField(a.key, 2, 1, 300, 400), stamp: { DisplayIp: true, FontSize: 7 } },
      newField(cc.key, 1, 1, 5, 5), // a Cc recipient signs nothing: never sent
    ],
  };
}

describe("the designer's fields as the seed's WorkstepTasks", () => {
  it("puts each field in its signer's step, with its document, page, box and signature types", () => {
    const body = toRequest(values(), files, []);
    expect(ZSendEnvelopeRequest.safeParse(body).success).toBe(true);
    expect(body.SspFileIds).toEqual(files.map((f) => f.FileId));
    const [a, b, cc] = body.SendEnvelopeDescription.Steps;
    expect(a!.WorkstepConfiguration!.WorkstepTasks!.Tasks).toEqual([
      {
        DiscriminatorType: "Signature",
        PositionPage: 2,
        Position: { PositionX: 72, PositionY: 100 },
        Size: { Width: 190, Height: 80 },
        DocRefNumber: 1,
      },
      {
        DiscriminatorType: "Signature",
        PositionPage: 1,
        Position: { PositionX: 300, PositionY: 400 },
        Size: { Width: 190, Height: 80 },
        DocRefNumber: 2,
        // A stamp imprint made through the API is kept, so the Click2Sign default is then spelt out.
        AllowedSignatureTypes: [
          { DiscriminatorType: "SigTypeClick2Sign", StampImprintConfiguration: { DisplayIp: true, FontSize: 7 } },
        ],
      },
    ]);
    expect(b!.WorkstepConfiguration!.WorkstepTasks!.Tasks![0]).toMatchObject({
      DocRefNumber: 2,
      AllowedSignatureTypes: [{ DiscriminatorType: "SigTypeDraw2Sign" }, { DiscriminatorType: "SigTypeType2Sign" }],
    });
    expect(cc!.WorkstepConfiguration).toBeUndefined();
  });

  it("comes back from the body as the same fields, by step", () => {
    const back = fromRequest(toRequest(values(), files, []), []);
    if (!back.ok) throw new Error(back.reason);
    expect(back.values.fields).toEqual([
      newField("r1", 1, 2, 72, 100),
      { ...newField("r1", 2, 1, 300, 400), stamp: { DisplayIp: true, FontSize: 7 } },
      { ...newField("r2", 2, 1, 10, 20), allowed: ["Draw", "Type"] },
    ]);
    expect(back.values.recipients.map((r) => r.key)).toEqual(["r1", "r2", "r3"]);
  });
});
