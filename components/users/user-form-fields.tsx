"use client";

import { get, useFormContext, useFormState } from "react-hook-form";
import { controlClass, FormField } from "@/components/ui/form-field";
import { LANGUAGE_CODES, languageLabel } from "@/lib/users/languages";
import type { TCreateUserInput } from "@/lib/users/schema";

export type UserFormValues = TCreateUserInput;
type TextName = "email" | "firstName" | "lastName" | "username" | "password";

export function useUserFieldError(name: keyof UserFormValues): string | undefined {
  const { errors } = useFormState<UserFormValues>({ name });
  const error = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return error?.message ?? error?.root?.message;
}

export function UserTextField({
  name,
  label,
  hint,
  optional,
  type = "text",
  autoComplete = "off",
}: {
  name: TextName;
  label: string;
  hint?: string;
  optional?: boolean;
  type?: "text" | "email" | "password";
  autoComplete?: string;
}) {
  const { register } = useFormContext<UserFormValues>();
  const error = useUserFieldError(name);
  return (
    <FormField label={label} hint={hint} error={error} optional={optional}>
      {(control) => (
        <input
          {...control}
          {...register(name)}
          type={type}
          spellCheck={false}
          autoComplete={autoComplete}
          className={controlClass}
        />
      )}
    </FormField>
  );
}

export function LanguageSelect() {
  const { register } = useFormContext<UserFormValues>();
  const error = useUserFieldError("language");
  return (
    <FormField
      label="Interface Language"
      hint="The language of the app's screens and of the mails this user receives."
      error={error}
    >
      {(control) => (
        <select {...control} {...register("language")} className={controlClass}>
          {LANGUAGE_CODES.map((code) => (
            <option key={code} value={code}>
              {languageLabel(code)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
