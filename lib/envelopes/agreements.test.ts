import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { providerCtx } from "@/db/test/provider-ctx";
import { agreementFor, BUILT_IN_AGREEMENT, pickLanguage, saveDefaultAgreement } from "./agreements";
import { findSigning } from "./find-signing";
import { ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "./schema";
import { acceptAgreement } from "./sign-workstep";

// Issue 17 "Agreements": the step's Agreements task (Texts/Headings by Language) in the signer's
// language with "*" as fallback, UseDefaultAgreements and the editable default, and the hash of
// the accepted text in AgreementAccepted.

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const TASK = {
  DiscriminatorType: "Agreements",
  DocRefNumber: 1,
  Texts: [
    { Language: "en", Value: "English terms" },
    { Language: "de", Value: "Deutsche Bedingungen" },
    { Language: "*", Value: "Any other language" },
  ],
  Headings: [
    { Language: "en", Value: "Terms" },
    { Language: "*", Value: "Disclosure" },
  ],
};
const sha = (heading: string, text: string) => createHash("sha256").update(`${heading}\n${text}`).digest("hex");

/** A one-signer envelope whose step carries `step` fields, the signer speaking `language`. */
function body(name: string, language: string, step: Record<string, unknown>): TSendEnvelopeRequest {
  const b = w.body(name, [{ email: `${language}@example.test` }]);
  const s = b.SendEnvelopeDescription.Steps[0]!;
  s.Recipients[0]!.LanguageCode = language;
  Object.assign(s, step);
  return b;
}

async function acceptAs(name: string, language: string) {
  const token = await w.linkFor(`${language}@example.test`, name);
  const view = await findSigning(handle.db, token, null);
  if (!view.ok) throw new Error(view.reason);
  const shown = await agreementFor(handle.db, view.recipient);
  // The page shows what findSigning read with the link (no second query), and it is what is accepted.
  expect(view.agreement).toEqual(shown);
  await acceptAgreement(w.signerCtx(), { token, browserToken: null });
  return shown;
}
const accepted = async (id: string) => (await w.trail(id)).find((e) => e.action === "AgreementAccepted")!.data;

describe("agreements", () => {
  it("the step's Agreements task in the signer's language, falling back to *; the accepted text's hash is recorded", async () => {
    const de = `DE ${crypto.randomUUID()}`;
    const deId = await w.create(
      body(de, "de-AT", { WorkstepConfiguration: { Policy: { WorkstepTasks: { Tasks: [TASK] } } } }),
    );
    const shown = await acceptAs(de, "de-AT");
    expect(shown).toMatchObject({ heading: "Disclosure", text: "Deutsche Bedingungen", language: "de" });
    expect(await accepted(deId)).toEqual({ sha256: sha("Disclosure", "Deutsche Bedingungen"), language: "de" });

    const fr = `FR ${crypto.randomUUID()}`;
    const frId = await w.create(body(fr, "fr", { WorkstepConfiguration: { WorkstepTasks: { Tasks: [TASK] } } }));
    expect(await acceptAs(fr, "fr")).toMatchObject({ text: "Any other language", language: "*" });
    expect(await accepted(frId)).toMatchObject({ sha256: sha("Disclosure", "Any other language") });

    expect(pickLanguage(TASK.Texts, "EN")?.Value).toBe("English terms");
  });

  it("UseDefaultAgreements (or no task): the default from Settings → Agreements Configuration, editable and audited", async () => {
    const a = `Default ${crypto.randomUUID()}`;
    await w.create(
      body(a, "en", { UseDefaultAgreements: true, WorkstepConfiguration: { WorkstepTasks: { Tasks: [TASK] } } }),
    );
    expect(await acceptAs(a, "en")).toMatchObject({
      heading: BUILT_IN_AGREEMENT.heading,
      text: BUILT_IN_AGREEMENT.text,
    });

    const admin = providerCtx(handle.db);
    await saveDefaultAgreement(admin, { Heading: "House rules", Text: "Our own default text." });
    const b = `Edited ${crypto.randomUUID()}`;
    const id = await w.create(body(b, "it", {}));
    expect(await acceptAs(b, "it")).toMatchObject({ heading: "House rules", text: "Our own default text." });
    expect(await accepted(id)).toMatchObject({ sha256: sha("House rules", "Our own default text.") });
    await expect(saveDefaultAgreement(admin, { Heading: "", Text: "x" })).rejects.toThrow();
  });

  it("a wrong Texts entry is a 400 naming its path", () => {
    const bad = ZSendEnvelopeRequest.safeParse(
      body("Bad", "en", {
        WorkstepConfiguration: { WorkstepTasks: { Tasks: [{ ...TASK, Texts: [{ Language: "", Value: "x" }] }] } },
      }),
    );
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual([
      "SendEnvelopeDescription.Steps.0.WorkstepConfiguration.WorkstepTasks.Tasks.0.Texts.0.Language",
    ]);
  });
});
