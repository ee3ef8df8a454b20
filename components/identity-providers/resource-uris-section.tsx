"use client";

import { Plus } from "lucide-react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-section";
import { newResourceUri, type ProviderFormValues } from "./form-values";
import { ResourceUriItem } from "./resource-uri-item";
import { useFieldError } from "./use-field-error";

/** OAuth 2.0: identity (and other data) from JSON endpoints called with the access token, in order. */
export function ResourceUrisSection() {
  const { control } = useFormContext<ProviderFormValues>();
  const { fields, append, remove, swap } = useFieldArray({ control, name: "resourceUris" });
  const listError = useFieldError("resourceUris");
  return (
    <FormSection
      id="resource-uris"
      title="Resource URIs"
      description="JSON endpoints called in this order with the access token, e.g. the provider's /userinfo; every answer goes to the audit trail."
    >
      {listError ? <p className="text-sm font-medium text-red-700">{listError}</p> : null}
      {fields.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
          No resource URI. Add one when the provider hands out the person&apos;s data on an endpoint instead of (or
          besides) the ID token.
        </p>
      ) : (
        <ol className="space-y-4">
          {fields.map((field, index) => (
            <ResourceUriItem
              key={field.id}
              index={index}
              count={fields.length}
              onRemove={() => remove(index)}
              onMoveUp={() => swap(index, index - 1)}
              onMoveDown={() => swap(index, index + 1)}
            />
          ))}
        </ol>
      )}
      <Button type="button" variant="secondary" className="gap-1.5" onClick={() => append(newResourceUri())}>
        <Plus aria-hidden className="h-4 w-4" />
        Add resource URI
      </Button>
    </FormSection>
  );
}
