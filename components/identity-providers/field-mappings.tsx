"use client";

import { Plus } from "lucide-react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { newMapping, type ProviderFormValues } from "./form-values";
import { MappingRow, type MappingsName } from "./mapping-row";
import { useFieldError } from "./use-field-error";

/** The "Field mappings" of the JWT or of one resource URI: which value to validate or update. */
export function FieldMappings({
  name,
  source,
  description,
}: {
  name: MappingsName;
  source: string;
  description: string;
}) {
  const { control } = useFormContext<ProviderFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const listError = useFieldError(name);
  return (
    <fieldset className="rounded-md border border-slate-200 bg-slate-50/60 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">Field mappings</legend>
      <p className="text-xs leading-relaxed text-slate-500">
        {description} The Field property path is the key in {source}:{" "}
        <code className="rounded bg-white px-1 font-mono">given_name</code>; walk into objects with{" "}
        <code className="rounded bg-white px-1 font-mono">a.b</code> or{" "}
        <code className="rounded bg-white px-1 font-mono">a:b</code>; quote a key that holds dots or colons as{" "}
        <code className="rounded bg-white px-1 font-mono">[&apos;urn:x.y&apos;]</code>; pick a list element with{" "}
        <code className="rounded bg-white px-1 font-mono">list[0]</code>. Validate compares the value with the
        recipient&apos;s data (or, for Custom, with the value the sender enters); Update overwrites the recipient&apos;s
        field (predefined fields only, never the email address).
      </p>
      {listError ? <p className="mt-2 text-xs font-medium text-red-700">{listError}</p> : null}
      <div className="mt-3 space-y-3">
        {fields.map((field, index) => (
          <MappingRow key={field.id} name={name} index={index} onRemove={() => remove(index)} />
        ))}
      </div>
      <Button
        type="button"
        variant="secondary"
        className="mt-3 gap-1.5 px-3 py-1.5 text-xs"
        onClick={() => append(newMapping())}
      >
        <Plus aria-hidden className="h-3.5 w-3.5" />
        Add field mapping
      </Button>
    </fieldset>
  );
}
