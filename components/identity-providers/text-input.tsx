"use client";

import type { ReactNode } from "react";
import { useFormContext, type FieldPath } from "react-hook-form";
import { controlClass, FormField } from "@/components/ui/form-field";
import type { ProviderFormValues } from "./form-values";
import { useFieldError } from "./use-field-error";

/** A registered text input of the provider form with its label, help text and error. */
export function TextInput({
  name,
  label,
  hint,
  optional,
  type = "text",
  placeholder,
  mono,
  className,
}: {
  name: FieldPath<ProviderFormValues>;
  label: string;
  hint?: ReactNode;
  optional?: boolean;
  type?: "text" | "url" | "password" | "number";
  placeholder?: string;
  mono?: boolean;
  className?: string;
}) {
  const { register } = useFormContext<ProviderFormValues>();
  const error = useFieldError(name);
  return (
    <FormField label={label} hint={hint} error={error} optional={optional} className={className}>
      {(control) => (
        <input
          {...control}
          {...register(name, type === "number" ? { valueAsNumber: true } : undefined)}
          type={type}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete={type === "password" ? "new-password" : "off"}
          className={`${controlClass} ${mono ? "font-mono text-[13px]" : ""}`}
        />
      )}
    </FormField>
  );
}
