"use client";

import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { controlClass, FormField } from "@/components/ui/form-field";
import { QUERY_PARAMETERS } from "@/lib/oauth/provider-config";
import { FieldMappings } from "./field-mappings";
import type { ProviderFormValues } from "./form-values";
import { TextInput } from "./text-input";
import { useFieldError } from "./use-field-error";

type QueryParameter = (typeof QUERY_PARAMETERS)[number];

// Seed 001, "OAuth 2.0 compliant retrieval of data from a resource URI".
const PARAMETER_HELP: Record<QueryParameter, string> = {
  oauth_token: "The resource URI is called as HTTP GET with the query parameter 'oauth_token'.",
  oauth2_access_token: "The resource URI is called as HTTP GET with the query parameter 'oauth2_access_token'.",
  access_token: "The resource URI is called as HTTP GET with the query parameter 'access_token'.",
  bearer:
    "The resource URI is called as HTTP GET with the query parameter 'bearer', and typically with an Authorization: Bearer header carrying the token.",
};
const PARAMETER_NOTE =
  " If the provider's manual does not say, or for an OIDC /userinfo endpoint, choose bearer (RFC 6750). When the token endpoint says the token is a bearer token, the Authorization: Bearer header is always added; if the first call fails, it is retried once without the query parameter.";

export function ResourceUriItem(props: {
  index: number;
  count: number;
  onRemove: () => void;
  onMoveUp: () => void;
  onMoveDown: () => void;
}) {
  const { index, count } = props;
  const { register } = useFormContext<ProviderFormValues>();
  const at = `resourceUris.${index}` as const;
  const parameter =
    (useWatch<ProviderFormValues>({ name: `${at}.queryParameter` }) as QueryParameter | undefined) ?? "bearer";
  const parameterError = useFieldError(`${at}.queryParameter`);
  return (
    <li>
      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="sr-only">Resource URI {index + 1}</legend>
        <div className="mb-4 flex items-center justify-between gap-2">
          <p aria-hidden className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Resource URI {index + 1}
          </p>
          <div className="flex gap-1">
            <IconButton
              label="Move up"
              what={`resource URI ${index + 1}`}
              disabled={index === 0}
              onClick={props.onMoveUp}
              icon={<ArrowUp aria-hidden className="h-3.5 w-3.5" />}
            />
            <IconButton
              label="Move down"
              what={`resource URI ${index + 1}`}
              disabled={index === count - 1}
              onClick={props.onMoveDown}
              icon={<ArrowDown aria-hidden className="h-3.5 w-3.5" />}
            />
            <IconButton
              label="Remove"
              what={`resource URI ${index + 1}`}
              danger
              onClick={props.onRemove}
              icon={<Trash2 aria-hidden className="h-3.5 w-3.5" />}
            />
          </div>
        </div>
        <div className="space-y-5">
          <TextInput
            name={`${at}.uri`}
            label="Resource Uri"
            type="url"
            mono
            placeholder="https://idp.example.com/userinfo"
            hint="The exact URI comes from the provider's manual; it must answer with JSON."
          />
          <FormField
            label="Query parameter"
            error={parameterError}
            hint={`${PARAMETER_HELP[parameter]}${PARAMETER_NOTE}`}
          >
            {(control) => (
              <select
                {...control}
                {...register(`${at}.queryParameter`)}
                className={`${controlClass} max-w-xs font-mono text-[13px]`}
              >
                {QUERY_PARAMETERS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FieldMappings
            name={`${at}.mappings`}
            source="this endpoint's JSON answer"
            description="Validate or update recipient data with values of this answer."
          />
        </div>
      </fieldset>
    </li>
  );
}

function IconButton({
  label,
  what,
  icon,
  onClick,
  disabled,
  danger,
}: {
  label: string;
  what: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className={`inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs font-medium text-slate-600 disabled:cursor-not-allowed disabled:opacity-40 ${danger ? "hover:border-red-200 hover:bg-red-50 hover:text-red-700" : "hover:bg-slate-50"}`}
    >
      {icon}
      {label}
      <span className="sr-only"> {what}</span>
    </button>
  );
}
