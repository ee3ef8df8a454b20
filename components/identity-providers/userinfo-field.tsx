"use client";

import { RefreshCw } from "lucide-react";
import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { errorMessage } from "@/components/data/api-client";
import { Button } from "@/components/ui/button";
import { controlClass, FormField } from "@/components/ui/form-field";
import { wellKnownUrl } from "@/lib/identity-providers/well-known";
import type { ProviderFormValues } from "./form-values";
import { useDiscovery } from "./queries";
import { useFieldError } from "./use-field-error";

const HINT =
  "Read-only: the userinfo endpoint the provider's discovery document names. When a resource URI is this endpoint, its answer must name the ID token's subject (sub), so an answer about someone else is refused. Refresh it from the issuer's discovery document after the provider changes it.";

/** The discovered userinfo endpoint: shown, never typed; Load refreshes it from the JWT issuer's discovery document. */
export function UserinfoField() {
  const { register, setValue } = useFormContext<ProviderFormValues>();
  const issuer = useWatch<ProviderFormValues, "jwt.issuer">({ name: "jwt.issuer" });
  const error = useFieldError("userinfoUri");
  const discovery = useDiscovery();
  const [note, setNote] = useState<string | null>(null);
  const load = () => {
    setNote(null);
    discovery.mutate(
      { url: wellKnownUrl(issuer ?? "") },
      {
        onSuccess: (data) => {
          const found = data.input.userinfoUri ?? "";
          setValue("userinfoUri", found, { shouldDirty: true });
          setNote(found ? "Loaded from the discovery document." : "The discovery document names no userinfo endpoint.");
        },
        onError: (err) => setNote(`Could not load the discovery document: ${errorMessage(err)}`),
      },
    );
  };
  return (
    <FormField label="Userinfo endpoint" hint={note ? `${note} ${HINT}` : HINT} error={error} optional>
      {(control) => (
        <div className="flex gap-2">
          <input
            {...control}
            {...register("userinfoUri")}
            readOnly
            placeholder="None: filled by discovery"
            spellCheck={false}
            className={`${controlClass} font-mono text-[13px]`}
          />
          <Button
            type="button"
            variant="secondary"
            className="shrink-0 gap-1.5"
            disabled={!issuer || discovery.isPending}
            onClick={load}
            title={issuer ? `Load ${wellKnownUrl(issuer)}` : "Enter the JWT issuer first"}
          >
            <RefreshCw aria-hidden className="h-4 w-4" />
            Refresh from discovery
          </Button>
        </div>
      )}
    </FormField>
  );
}
