"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { CopyField } from "@/components/ui/copy-field";
import { FormSection } from "@/components/ui/form-section";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import type { ProviderFormValues } from "./form-values";

export function UsageSection({ provider }: { provider: ProviderJson | undefined }) {
  const { register } = useFormContext<ProviderFormValues>();
  const forUsers = useWatch<ProviderFormValues, "usedForUserAuthentication">({ name: "usedForUserAuthentication" });
  return (
    <FormSection id="usage" title="Usage" description="Where this provider is offered.">
      <CheckboxField
        label="Used for signer authentication"
        hint="Senders can require a signer to authenticate with this provider before signing."
        {...register("usedForSignerAuthentication")}
      />
      <CheckboxField
        label="Used for user authentication"
        hint="Users of the organisation can bind their account to an identity at this provider (by an emailed link) and then sign in through its Logon URL."
        {...register("usedForUserAuthentication")}
      />
      <CheckboxField
        label="Enabled"
        hint="A disabled provider is offered nowhere and its sign-ins are refused; its settings are kept."
        {...register("enabled")}
      />
      {forUsers && provider ? (
        <CopyField
          label="Logon URL"
          value={provider.logonUrl}
          hint={
            provider.usedForUserAuthentication
              ? "Users who bound their account sign in through this address (read-only). It works whether or not the login page shows this provider."
              : "Users will sign in through this address once you save with user authentication on."
          }
        />
      ) : null}
    </FormSection>
  );
}
