"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { CHECK_WARNINGS, type JwtCheck } from "@/lib/identity-providers/fields";
import type { ProviderFormValues } from "./form-values";

const CHECKS: { key: JwtCheck; label: string; hint: string }[] = [
  {
    key: "addNonce",
    label: "Add 'nonce' parameter",
    hint: "A random nonce is sent with the sign-in and must come back in the ID token (prevents replay attacks).",
  },
  {
    key: "validateAudience",
    label: "Validate audience",
    hint: "The ID token's aud must be the Client Id (or a list holding only it).",
  },
  { key: "validateIssuer", label: "Validate issuer", hint: "The ID token's iss must equal the Issuer above." },
  {
    key: "validateLifetime",
    label: "Validate lifetime",
    hint: "exp and nbf are checked with the allowed clock skew; a token issued more than 10 minutes ago is refused.",
  },
];

/** The four ID token checks; turning one off shows, right under it, what that opens up. */
export function JwtChecks() {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-sm font-medium text-slate-800">Checks on the ID token</legend>
      {CHECKS.map(({ key, label, hint }) => (
        <JwtCheckToggle key={key} check={key} label={label} hint={hint} />
      ))}
    </fieldset>
  );
}

function JwtCheckToggle({ check, label, hint }: { check: JwtCheck; label: string; hint: string }) {
  const { register } = useFormContext<ProviderFormValues>();
  const on = useWatch<ProviderFormValues, `jwt.${JwtCheck}`>({ name: `jwt.${check}` });
  return (
    <CheckboxField label={label} hint={hint} {...register(`jwt.${check}`)}>
      {on === false ? (
        <Alert tone="warning" className="mt-2 ml-7">
          {CHECK_WARNINGS[check]}
        </Alert>
      ) : null}
    </CheckboxField>
  );
}
