"use client";

import { get, useFormState, type FieldPath } from "react-hook-form";
import type { ProviderFormValues } from "./form-values";

/** The error message of one field (or of a list: its root message), re-rendering only for it. */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState<ProviderFormValues>({ name: name as FieldPath<ProviderFormValues> });
  const error = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return error?.message ?? error?.root?.message;
}
