"use client";

import { useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormSection } from "@/components/ui/form-section";
import { newJwtConfig, type JwtFormValues, type ProviderFormValues } from "./form-values";
import { JwtFields } from "./jwt-fields";

/** OpenID Connect: identity from the signed ID token the token endpoint returns. */
export function JwtSection() {
  const { setValue, getValues } = useFormContext<ProviderFormValues>();
  const jwt = useWatch<ProviderFormValues, "jwt">({ name: "jwt" });
  // Turning the JWT off and on again brings back what was configured, not the defaults.
  const lastConfig = useRef<JwtFormValues | null>(null);
  const toggle = (on: boolean) => {
    if (!on) lastConfig.current = getValues("jwt") ?? null;
    setValue("jwt", on ? (lastConfig.current ?? newJwtConfig()) : null, { shouldDirty: true });
  };
  return (
    <FormSection
      id="jwt"
      title="JWT configuration"
      description="Verify the provider's signed ID token and read the person's identity from its claims."
    >
      <CheckboxField
        label="Use JWT (OpenID Connect ID token)"
        checked={Boolean(jwt)}
        onChange={(e) => toggle(e.currentTarget.checked)}
        hint="For OpenID Connect providers. The token endpoint's id_token is verified against the provider's keys with the checks below. Configure the JWT, a resource URI, or both."
      />
      {jwt ? <JwtFields /> : null}
    </FormSection>
  );
}
