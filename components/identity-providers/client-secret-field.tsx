"use client";

import { KeyRound } from "lucide-react";
import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import type { ProviderFormValues } from "./form-values";
import { TextInput } from "./text-input";

const HINT = "Issued by the provider together with the client id. Stored encrypted; it is never shown again, not even to administrators.";

/**
 * Write-only: the browser never receives the stored secret. A saved secret shows as "set";
 * Replace reveals an empty input, and an empty value on save keeps the stored secret.
 */
export function ClientSecretField({ secretSet }: { secretSet: boolean }) {
  const { setValue } = useFormContext<ProviderFormValues>();
  const [replacing, setReplacing] = useState(false);
  if (!secretSet || replacing) {
    return (
      <div className="space-y-1.5">
        <TextInput name="clientSecret" label="Client Secret" type="password" optional={!secretSet} hint={secretSet ? `${HINT} Leave empty to keep the current secret.` : `${HINT} Not needed for private_key_jwt or none.`} />
        {secretSet ? (
          <button
            type="button"
            className="text-xs font-medium text-brand-700 hover:underline"
            onClick={() => {
              setValue("clientSecret", "", { shouldDirty: true });
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
