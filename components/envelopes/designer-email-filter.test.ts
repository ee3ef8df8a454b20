import { describe, expect, it } from "vitest";
import { ZSendEnvelopeRequest } from "@/lib/envelopes/schema";
import { DEFAULT_FILTER } from "./authentication-section";
import { DEFAULT_REMINDERS, emptyRecipient, toRequest, type DesignerValues } from "./designer-values";

const providers = [{ id: "8d3c6d3e-4a57-4f8e-9a43-2f5c0b0a1e11", name: "Demo IdP", customFields: [] }];
const file = {
  FileId: "0b0f7c1e-6f4e-4a43-8a35-3c2d5a7e9b10",
  Name: "c.pdf",
  Size: 1,
  Pages: [[612, 792]] as [number, number][],
};

function values(filterValue: string): DesignerValues {
  const r = emptyRecipient(providers);
  return {
    name: "Contract",
    subject: "",
    message: "",
    expiresInDays: 28,
    reminders: DEFAULT_REMINDERS,
    fields: [],
    recipients: [
      {
        ...r,
        email: "alice@example.com",
        providers: [{ on: true, filters: [{ ...DEFAULT_FILTER, value: filterValue }], custom: [] }],
      },
    ],
  };
}

describe("the default Email filter of a ticked provider (seed 001's example)", () => {
  it("left blank, it is the recipient's email in the request", () => {
    const body = ZSendEnvelopeRequest.parse(toRequest(values(""), [file], providers));
    expect(body.SendEnvelopeDescription.Steps[0]!.Recipients[0]!.AuthenticationMethods[0]!.Filters).toEqual([
      { CompareOperation: "Equals", FilterId: "Email", FilterValue: "alice@example.com" },
    ]);
  });

  it("a value the sender typed is kept", () => {
    const body = ZSendEnvelopeRequest.parse(toRequest(values("a.other@example.com"), [file], providers));
    expect(
      body.SendEnvelopeDescription.Steps[0]!.Recipients[0]!.AuthenticationMethods[0]!.Filters[0]!.FilterValue,
    ).toBe("a.other@example.com");
  });
});
