import { describe, expect, it } from "vitest";
import { describePath, designerFieldOf, refusalTitle } from "./problem-paths";

const step = (i: number, rest: string) => `$.SendEnvelopeDescription.Steps[${i}].Recipients[0].${rest}`;

describe("a refused save's problems in the designer", () => {
  it.each([
    ["$.SendEnvelopeDescription.Name", "name"],
    ["$.SendEnvelopeDescription.ExpirationInSecondsAfterSending", "expiresInDays"],
    [step(1, "Email"), "recipients.1.email"],
    [step(0, "PhoneNumber"), "recipients.0.phone"],
    [step(2, "DisposableCertificate.DocumentIssuedOn"), "recipients.2.certificate.DocumentIssuedOn"],
    [step(0, "AuthenticationMethods[0].Parameter"), "recipients.0.accessCode"],
    [step(0, "DisposableCertificate.Unknown"), null],
    ["$.SspFileIds[0]", null],
    ["$.SendEnvelopeDescription.Steps", null],
  ])("%s lands on %s", (path, field) => {
    expect(designerFieldOf(path, () => true)).toBe(field);
  });

  it("an access code problem is the code's only when the access code is on (else it is another method's)", () => {
    expect(designerFieldOf(step(0, "AuthenticationMethods[0].Parameter"), () => false)).toBeNull();
  });

  it("names the recipient and the field as the form shows them", () => {
    expect(describePath(step(1, "DisposableCertificate.CountryOfResidence"))).toBe(
      "Recipient 2 · Disposable certificate · Country of residence",
    );
    expect(describePath(step(0, "Email"))).toBe("Recipient 1 · Email");
  });

  it("the banner says how many problems and whether they are marked, not 'The request is not valid'", () => {
    expect(refusalTitle(1, 1)).toBe("Not saved: 1 problem, marked at its field below.");
    expect(refusalTitle(3, 3)).toBe("Not saved: 3 problems, marked at their fields below.");
    expect(refusalTitle(2, 1)).toBe("Not saved: 2 problems. Each is listed here; those with a field are marked at it.");
    expect(refusalTitle(1, 0)).toBe("Not saved: 1 problem. Each is listed here.");
    expect(refusalTitle(0, 0)).toBe("");
  });
});
