import { identityProviders, type IdentityProviderRow, type RecipientAuthConfig } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { hashPassword } from "@/lib/crypto/password";
import { parseInternationalPhone } from "@/lib/oauth/recipient-values";
import type { SendEnvelopeRequest } from "./schema";

export type Issue = { path: string; message: string };

/** The Field reference ids of a provider's Custom Validate mappings: the sender must give each an expected value. */
export function customFieldIds(p: Pick<IdentityProviderRow, "jwt" | "resourceUris">): string[] {
  const mappings = [...(p.jwt?.mappings ?? []), ...p.resourceUris.flatMap((r) => r.mappings)];
  return [
    ...new Set(
      mappings
        .filter((m) => m.field === "custom" && m.mode === "validate" && m.customFieldId)
        .map((m) => m.customFieldId!),
    ),
  ];
}

/** A recipient as checked, its access code (if any) still in plain text: only hashAccessCodes turns it into what is stored. */
export type PlannedRecipient = { auth: RecipientAuthConfig; phone: string | null; accessCode: string | null };
/** What is written: the access code only as its hash. */
export type ResolvedRecipient = { auth: RecipientAuthConfig; phone: string | null; accessCode?: never };

/**
 * Turns each recipient's AuthenticationMethods into the auth config to store: providers by id or
 * name (enabled and used for signer authentication), SMS with an international number. Every
 * problem is collected with its JSON path. Hashes nothing: the caller hashes the access codes
 * (hashAccessCodes) only once the whole request is known to be valid.
 */
export async function resolveRecipients(
  db: Db | Tx,
  input: SendEnvelopeRequest,
): Promise<{ issues: Issue[]; resolved: PlannedRecipient[][] }> {
  const providers = await db.select().from(identityProviders);
  const byId = new Map(providers.map((p) => [p.id, p]));
  const byName = new Map(providers.map((p) => [p.name.toLowerCase(), p]));
  const issues: Issue[] = [];
  const resolved: PlannedRecipient[][] = [];
  const steps = input.SendEnvelopeDescription.Steps;
  for (const [si, step] of steps.entries()) {
    const stepOut: PlannedRecipient[] = [];
    for (const [ri, r] of step.Recipients.entries()) {
      const base = `$.SendEnvelopeDescription.Steps[${si}].Recipients[${ri}]`;
      const auth: RecipientAuthConfig = { accessCodeHash: null, sms: false, providers: [] };
      let phone: string | null = null;
      let accessCode: string | null = null;
      if (r.PhoneNumber) {
        phone = parseInternationalPhone(r.PhoneNumber);
        if (!phone)
          issues.push({
            path: `${base}.PhoneNumber`,
            message: "Enter the mobile phone in international format (+xx or 00xx)",
          });
      }
      if (step.RecipientType === "Cc" && r.AuthenticationMethods.length)
        issues.push({
          path: `${base}.AuthenticationMethods`,
          message: "A Cc recipient does not sign, so it cannot require authentication",
        });
      for (const [mi, m] of r.AuthenticationMethods.entries()) {
        const at = `${base}.AuthenticationMethods[${mi}]`;
        if (m.Method === "AccessCode") accessCode = m.Parameter.trim();
        if (m.Method === "SmsCode") {
          const number = m.Parameter.trim() ? parseInternationalPhone(m.Parameter) : phone;
          if (!number)
            issues.push({
              path: m.Parameter.trim() ? `${at}.Parameter` : `${base}.PhoneNumber`,
              message: "An SMS code needs the recipient's mobile phone in international format (+xx or 00xx)",
            });
          else phone = number;
          auth.sms = true;
        }
        if (m.Method !== "CustomOAuthProvider") continue;
        const provider = m.ProviderId ? byId.get(m.ProviderId) : byName.get(m.Parameter.trim().toLowerCase());
        if (!provider || !provider.enabled || !provider.usedForSignerAuthentication) {
          issues.push({
            path: `${at}.${m.ProviderId ? "ProviderId" : "Parameter"}`,
            message: "No enabled identity provider used for signer authentication has this name",
          });
          continue;
        }
        if (auth.providers.some((p) => p.providerId === provider.id)) continue;
        const customValues = Object.fromEntries(m.CustomValues.map((c) => [c.FieldReferenceId, c.Value]));
        for (const id of customFieldIds(provider)) {
          if (!customValues[id]?.trim())
            issues.push({
              path: `${at}.CustomValues`,
              message: `Enter the expected value of the custom field '${id}' of ${provider.name}`,
            });
        }
        auth.providers.push({
          providerId: provider.id,
          filters: m.Filters.map((f) => ({ field: f.FilterId, operation: f.CompareOperation, value: f.FilterValue })),
          customValues,
        });
      }
      stepOut.push({ auth, phone, accessCode });
    }
    resolved.push(stepOut);
  }
  return { issues, resolved };
}

/**
 * The access codes of a valid request, hashed one after another in the "bulk" lane: a request
 * holds at most one hashing slot at a time, and sign-ins waiting for a slot go first.
 */
export async function hashAccessCodes(planned: PlannedRecipient[][]): Promise<ResolvedRecipient[][]> {
  const out: ResolvedRecipient[][] = [];
  for (const step of planned) {
    const stepOut: ResolvedRecipient[] = [];
    for (const { auth, phone, accessCode } of step) {
      stepOut.push({
        auth: { ...auth, accessCodeHash: accessCode === null ? null : await hashPassword(accessCode, "bulk") },
        phone,
      });
    }
    out.push(stepOut);
  }
  return out;
}
