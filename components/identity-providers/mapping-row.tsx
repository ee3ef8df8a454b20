"use client";

import { X } from "lucide-react";
import { useFormContext, useWatch } from "react-hook-form";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { controlClass, FormField } from "@/components/ui/form-field";
import { DATA_FIELD_KEYS, DATA_FIELDS, type DataField } from "@/lib/oauth/provider-config";
import type { ProviderFormValues } from "./form-values";
import { useFieldError } from "./use-field-error";

export type MappingsName = "jwt.mappings" | `resourceUris.${number}.mappings`;

/** One mapping: path, Validate / Update, respect case, data field, and the custom field's id. */
export function MappingRow({ name, index, onRemove }: { name: MappingsName; index: number; onRemove: () => void }) {
  const { register, setValue } = useFormContext<ProviderFormValues>();
  const at = `${name}.${index}` as const;
  const field = (useWatch<ProviderFormValues>({ name: `${at}.field` }) as DataField | undefined) ?? "email";
  const errors = {
    path: useFieldError(`${at}.path`),
    mode: useFieldError(`${at}.mode`),
    field: useFieldError(`${at}.field`),
    custom: useFieldError(`${at}.customFieldId`),
  };
  const updatable = DATA_FIELDS[field].updatable;
  return (
    <fieldset className="rounded-md border border-slate-200 bg-white p-4">
      <legend className="sr-only">Field mapping {index + 1}</legend>
      <div className="mb-3 flex items-center justify-between">
        <p aria-hidden className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Field mapping {index + 1}
        </p>
        <button
          type="button"
          onClick={onRemove}
          className="inline-flex items-center gap-1 rounded px-2 py-1 text-xs font-medium text-slate-600 hover:bg-red-50 hover:text-red-700"
        >
          <X aria-hidden className="h-3.5 w-3.5" />
          Remove<span className="sr-only"> field mapping {index + 1}</span>
        </button>
      </div>
      <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <FormField label="Field property path" error={errors.path}>
          {(control) => (
            <input
              {...control}
              {...register(`${at}.path`)}
              spellCheck={false}
              placeholder="given_name"
              className={`${controlClass} font-mono text-[13px]`}
            />
          )}
        </FormField>
        <FormField
          label="Validate / Update"
          error={errors.mode}
          hint={updatable ? undefined : "This data field can only be validated."}
        >
          {(control) => (
            <select {...control} {...register(`${at}.mode`)} className={controlClass}>
              <option value="validate">Validate</option>
              <option value="update" disabled={!updatable}>
                Update
              </option>
            </select>
          )}
        </FormField>
        <FormField label="Data field" error={errors.field} hint={DATA_FIELDS[field].help || undefined}>
          {(control) => (
            <select
              {...control}
              {...register(`${at}.field`, {
                onChange: (e: { target: { value: DataField } }) =>
                  !DATA_FIELDS[e.target.value].updatable && setValue(`${at}.mode`, "validate"),
              })}
              className={controlClass}
            >
              {DATA_FIELD_KEYS.map((key) => (
                <option key={key} value={key}>
                  {DATA_FIELDS[key].label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {field === "custom" ? (
          <FormField
            label="Field reference id"
            error={errors.custom}
            hint="The id of the custom field whose expected value the sender enters per recipient."
          >
            {(control) => (
              <input
                {...control}
                {...register(`${at}.customFieldId`)}
                spellCheck={false}
                className={`${controlClass} font-mono text-[13px]`}
              />
            )}
          </FormField>
        ) : (
          <div className="hidden md:block" />
        )}
      </div>
      <div className="mt-3">
        <CheckboxField
          label="Validate (respect case)"
          hint="Compare upper and lower case exactly; otherwise the comparison ignores case."
          {...register(`${at}.respectCase`)}
        />
      </div>
    </fieldset>
  );
}
