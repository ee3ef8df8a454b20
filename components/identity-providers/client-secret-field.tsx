"use client";

import { KeyRound } from "lucide-react";
import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { usesClientSecret } from "@/lib/identity-providers/fields";
import type { ProviderFormValues } from "./form-values";
import { TextInput } from "./text-input";
import { useFieldError } from "./use-field-error";

const HINT =
  "Issued by the provider together with the client id. Stored encrypted; it is never shown again, not even to administrators.";

/**
 * Write-only: the browser never receives the stored secret. A saved secret shows as "set";
 * Replace reveals an empty input, and an empty value on save keeps the stored secret (unless
 * the server asks for it again: then the input opens with its error). A saved provider whose
 * method needs a secret and has none (a duplicate) says so.
 */
export function ClientSecretField({ secretSet, saved }: { secretSet: boolean; saved: boolean }) {
  const { setValue, clearErrors } = useFormContext<ProviderFormValues>();
  const [replacing, setReplacing] = useState(false);
  const error = useFieldError("clientSecret");
  const method =
    useWatch<ProviderFormValues, "tokenEndpointAuthMethod">({ name: "tokenEndpointAuthMethod" }) ??
    "client_secret_basic";
  if (!secretSet || replacing || error) {
    return (
      <div className="space-y-1.5">
        {saved && !secretSet && usesClientSecret(method) ? (
          <Alert tone="warning" title="This provider has no client secret">
            Sign-ins and Test connection fail until you enter the secret the provider issued for this client ({method}{" "}
            needs one).
          </Alert>
        ) : null}
        <TextInput
          name="clientSecret"
          label="Client Secret"
          type="password"
          optional={!secretSet}
          hint={
            secretSet
              ? `${HINT} Leave empty to keep the current secret.`
              : `${HINT} Not needed for private_key_jwt or none.`
          }
        />
        {secretSet ? (
          <button
            type="button"
            className="text-xs font-medium text-brand-700 hover:underline"
            onClick={() => {
              setValue("clientSecret", "", { shouldDirty: true });
              clearErrors("clientSecret");
              setReplacing(false);
            }}
          >
            Keep the current secret
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium text-slate-800">Client Secret</p>
      <div className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
        <span className="inline-flex items-center gap-2 text-sm text-slate-700">
          <KeyRound aria-hidden className="h-4 w-4 text-emerald-600" />A secret is set
        </span>
        <Button type="button" variant="secondary" className="px-3 py-1.5 text-xs" onClick={() => setReplacing(true)}>
          Replace
        </Button>
      </div>
      <p className="text-xs leading-relaxed text-slate-500">{HINT}</p>
    </div>
  );
}
