"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { controlClass, FormField } from "@/components/ui/form-field";
import { FormSection } from "@/components/ui/form-section";
import { PKCE_WARNING } from "@/lib/identity-providers/fields";
import { TOKEN_AUTH_METHODS, type TokenAuthMethod } from "@/lib/oauth/provider-config";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { ClientKeys } from "./client-keys";
import type { ProviderFormValues } from "./form-values";
import { useFieldError } from "./use-field-error";

// Seed 002: how the client proves its identity at the token endpoint.
const METHODS: Record<TokenAuthMethod, { label: string; help: string }> = {
  client_secret_basic: {
    label: "client_secret_basic: secret in the Authorization header",
    help: "The client id, a colon and the client secret, base64-encoded, are sent in an HTTP Basic Authorization header of the token request.",
  },
  client_secret_post: {
    label: "client_secret_post: secret in the request body",
    help: "The client id and the client secret are sent as client_id and client_secret parameters in the body of the token request.",
  },
  client_secret_jwt: {
    label: "client_secret_jwt: JWT signed with the secret",
    help: "A short-lived JWT (iss and sub = client id, aud = Token Uri, a unique jti, exp), signed with the client secret (HMAC), is sent as client_assertion; the secret itself never travels.",
  },
  private_key_jwt: {
    label: "private_key_jwt: JWT signed with this app's key",
    help: "The same client_assertion JWT, signed with a private key this app generates for the provider. Register the public key set below, or the JWKS URL, at the provider; no client secret is needed.",
  },
  none: {
    label: "none: public client, no authentication",
    help: "Only client_id is sent: the token request is not authenticated, so PKCE is required. Use only when the provider registers this app as a public client.",
  },
};

export function ClientAuthSection({ provider }: { provider: ProviderJson | undefined }) {
  const { register } = useFormContext<ProviderFormValues>();
  const method =
    useWatch<ProviderFormValues, "tokenEndpointAuthMethod">({ name: "tokenEndpointAuthMethod" }) ??
    "client_secret_basic";
  const methodError = useFieldError("tokenEndpointAuthMethod");
  const pkceError = useFieldError("pkce");
  const pkce = useWatch<ProviderFormValues, "pkce">({ name: "pkce" });
  return (
    <FormSection
      id="client-authentication"
      title="Client authentication"
      description="How this app authenticates itself when it calls the Token Uri."
    >
      <FormField label="Token endpoint authentication method" error={methodError} hint={METHODS[method].help}>
        {(control) => (
          <select {...control} {...register("tokenEndpointAuthMethod")} className={`${controlClass} md:max-w-md`}>
            {TOKEN_AUTH_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHODS[m].label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <CheckboxField
        label="PKCE (S256)"
        error={pkceError}
        hint="Proof Key for Code Exchange: binds the authorization code to this browser's sign-in, so an intercepted code is useless. Leave on unless the provider rejects it."
        {...register("pkce")}
      >
        {pkce === false ? (
          <Alert tone="warning" className="mt-2 ml-7">
            {PKCE_WARNING}
          </Alert>
        ) : null}
      </CheckboxField>
      {method === "private_key_jwt" ? <ClientKeys provider={provider} /> : null}
    </FormSection>
  );
}
