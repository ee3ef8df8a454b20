"use client";

import { RefreshCw, Trash2 } from "lucide-react";
import { useState } from "react";
import { errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { controlClass, FormField } from "@/components/ui/form-field";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { useRotateKey } from "./queries";

/** private_key_jwt: the app's public keys for this provider, and their rotation. */
export function ClientKeys({ provider }: { provider: ProviderJson | undefined }) {
  if (!provider?.publicJwks || !provider.clientJwksUri) {
    return (
      <Alert tone="info">
        Save to generate this provider&apos;s key pair. Its public keys will then appear here and be published at its
        JWKS URL, for you to register at the provider.
      </Alert>
    );
  }
  return <SavedKeys provider={provider} publicJwks={provider.publicJwks} jwksUri={provider.clientJwksUri} />;
}

function SavedKeys({
  provider,
  publicJwks,
  jwksUri,
}: {
  provider: ProviderJson;
  publicJwks: NonNullable<ProviderJson["publicJwks"]>;
  jwksUri: string;
}) {
  const rotate = useRotateKey(provider.id);
  const [done, setDone] = useState<string | null>(null);
  const run = (removeRetired: boolean) => {
    setDone(null);
    rotate.mutate(removeRetired, {
      onSuccess: () =>
        setDone(
          removeRetired
            ? "Retired keys removed: only the active key is published now."
            : "A new key signs from now on; the previous one stays published until you remove retired keys.",
        ),
    });
  };
  return (
    <div className="space-y-4 rounded-md border border-slate-200 bg-slate-50/60 p-4">
      <CopyField
        label="JWKS URL"
        value={jwksUri}
        hint="Register this URL at the provider (its client jwks_uri), or paste the key set below; not both."
      />
      <FormField
        label="Public JWK set"
        hint={`${publicJwks.keys.length} key(s). Only public keys: the private key never leaves this server.`}
      >
        {(control) => (
          <textarea
            {...control}
            readOnly
            rows={8}
            value={JSON.stringify(publicJwks, null, 2)}
            className={`${controlClass} font-mono text-xs`}
          />
        )}
      </FormField>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={rotate.isPending}
          onClick={() => run(false)}
          className="gap-1.5"
        >
          <RefreshCw aria-hidden className="h-4 w-4" />
          Rotate key
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={rotate.isPending}
          onClick={() => run(true)}
          className="gap-1.5"
        >
          <Trash2 aria-hidden className="h-4 w-4" />
          Remove retired keys
        </Button>
      </div>
      {rotate.isError ? <Alert tone="error">{errorMessage(rotate.error)}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
    </div>
  );
}
