import { describe, expect, it } from "vitest";
import { credentialPlaceholders, TEMPLATE_KEYS, TEMPLATES, type TemplateKey, type TemplateVars } from "./templates";

// Issue 14 §2: each template's placeholders are written once (TEMPLATES[key].placeholders); the
// values a caller passes are typed from that list, and the built-in texts are checked against it.

const usedIn = (text: string) => [...new Set([...text.matchAll(/#([A-Za-z][A-Za-z0-9]*)#/g)].map((m) => m[1]!))];

/** Declared for administrators' own texts (seed 000/001 offers them) but not used by the built-in text. */
const OFFERED_ONLY: Record<TemplateKey, string[]> = {
  oauth_verification_request: ["OrganizationName"],
  oauth_assignment_invalidation: ["OrganizationName"],
  signer_invitation: ["Message"],
  envelope_completed: [],
  envelope_canceled: [],
  envelope_rejected: [],
  reminder: [],
  signer_completed: [],
};

describe("the placeholders of each template", () => {
  it.each(TEMPLATE_KEYS)("%s: the built-in text uses exactly the declared placeholders", (key) => {
    const { subject, body, placeholders } = TEMPLATES[key];
    const declared: readonly string[] = placeholders;
    expect(usedIn(`${subject}\n${body}`).sort()).toEqual(declared.filter((p) => !OFFERED_ONLY[key].includes(p)).sort());
    for (const offered of OFFERED_ONLY[key]) expect(declared).toContain(offered);
  });

  it.each(TEMPLATE_KEYS)("%s: its credential placeholders are declared ones", (key) => {
    for (const name of credentialPlaceholders(key))
      expect(TEMPLATES[key].placeholders as readonly string[]).toContain(name);
  });

  // Checked by `npm run typecheck`: an @ts-expect-error that meets no error fails it.
  it("a caller's misspelt or missing placeholder does not compile", () => {
    const ok: TemplateVars<"envelope_completed"> = {
      RecipientFirstName: "Ann",
      RecipientLastName: "Lee",
      EnvelopeName: "Lease",
      Link: "",
    };
    const misspelt: TemplateVars<"envelope_completed"> = {
      ...ok,
      // @ts-expect-error #Nmae# is no placeholder of this template
      Nmae: "Ann",
    };
    // @ts-expect-error #Link# has no value
    const missing: TemplateVars<"envelope_completed"> = {
      RecipientFirstName: "Ann",
      RecipientLastName: "Lee",
      EnvelopeName: "Lease",
    };
    expect([ok, misspelt, missing]).toHaveLength(3);
  });
});
