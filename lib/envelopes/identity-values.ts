import { emailMarkedUnverified } from "@/lib/oauth/email-key";
import type { IdentityFacts } from "@/lib/oauth/recipient-filters";
import type { FlowIdentity, FlowOutcome } from "@/lib/oauth/run-flow";

// The values an identity provider vouched for, by the names recipient filters use
// (Filters[].FilterId, case-insensitive): Email, FirstName, LastName, Phone, Name, Subject from
// the standard OIDC claims of the ID token and the resource URIs' answers; then every field a
// mapping read (its data field, e.g. documentNumber, or a Custom field's reference id), which
// wins over the standard claim.

const STANDARD: [string, string][] = [
  ["email", "email"],
  ["firstName", "given_name"],
  ["lastName", "family_name"],
  ["phone", "phone_number"],
  ["name", "name"],
];

const scalar = (v: unknown): string | null =>
  typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : null;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function identityValues(identity: FlowIdentity): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  const sources = [identity.claims, ...identity.resources.map((r) => r.data)].filter(isObject);
  for (const [field, claim] of STANDARD) {
    for (const source of sources) {
      const v = scalar(source[claim]);
      if (v !== null && values[field] == null) values[field] = v;
    }
  }
  for (const m of identity.mappings) {
    const v = m.found ? scalar(m.value) : null;
    const key = m.mapping.field === "custom" ? m.mapping.customFieldId : m.mapping.field;
    if (v !== null && key) values[key] = v;
  }
  values.subject = identity.subject;
  return values;
}

/**
 * Whether the email in identityValues() comes from a document (the ID token's claims or a
 * resource URI's answer) that says email_verified false: the same choice of source as above,
 * first the standard claim, then an email mapping (the last one wins).
 */
export function identityFacts(identity: FlowIdentity): IdentityFacts {
  let source: unknown = [identity.claims, ...identity.resources.map((r) => r.data)]
    .filter(isObject)
    .find((s) => scalar(s.email) !== null);
  for (const m of identity.mappings) {
    if (m.mapping.field !== "email" || !m.found || scalar(m.value) === null) continue;
    source = m.source === "jwt" ? identity.claims : identity.resources.find((r) => r.uri === m.source)?.data;
  }
  return { emailUnverified: emailMarkedUnverified(source) };
}

/**
 * Who the provider said signed in, for a refusal: the email it vouched for, else the subject.
 * A flow refused by the engine itself still names the ID token's email or sub when that step
 * passed; before it (an error answer, the token call), nobody is known.
 */
export function presentedIdentity(outcome: FlowOutcome): string | null {
  if (outcome.ok) return (identityValues(outcome).email ?? outcome.subject).slice(0, 320) || null;
  const claims = outcome.report.find((r) => r.step === "id_token" && r.ok)?.details.claims;
  if (!isObject(claims)) return null;
  return (scalar(claims.email) ?? scalar(claims.sub))?.slice(0, 320) || null;
}
