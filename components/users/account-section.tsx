"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormSection } from "@/components/ui/form-section";
import type { UserJson } from "@/lib/users/user-json";
import { LanguageSelect, UserTextField, useUserFieldError, type UserFormValues } from "./user-form-fields";

export function AccountSection({ user, isSelf }: { user: UserJson | undefined; isSelf: boolean }) {
  const { register, control } = useFormContext<UserFormValues>();
  const enabled = useWatch({ control, name: "enabled" });
  const enabledError = useUserFieldError("enabled");
  return (
    <FormSection title="Account" description="Who the user is, and how the app speaks to them.">
      <UserTextField
        name="email"
        label="Email"
        type="email"
        hint="Unique in the organisation, whatever the case. Mails (e.g. the OAuth verification request) go here."
      />
      <div className="grid gap-5 md:grid-cols-2">
        <UserTextField name="firstName" label="First name" optional />
        <UserTextField name="lastName" label="Last name" optional />
      </div>
      <div className="grid gap-5 md:grid-cols-2">
        <UserTextField name="username" label="Username" optional hint="Unique, without spaces." />
        <LanguageSelect />
      </div>
      {user ? null : (
        <UserTextField
          name="password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          optional
          hint="At least 12 characters; tell it to the user over a separate channel. Leave empty for a user who signs in only through an identity provider (OAuth assignments), or whose roles do not allow password logon."
        />
      )}
      <CheckboxField
        {...register("enabled")}
        label="Enabled"
        disabled={isSelf && user?.enabled}
        error={enabledError}
        hint={
          isSelf
            ? "This is your own account: you cannot disable it."
            : "A disabled user cannot sign in; disabling ends every session they have open."
        }
      />
      {user?.enabled && enabled === false ? (
        <Alert tone="warning">Saving disables this user: they are signed out everywhere at once.</Alert>
      ) : null}
    </FormSection>
  );
}
