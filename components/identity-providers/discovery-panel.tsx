"use client";

import { FileJson, Search } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "@/components/data/api-client";
import { failureOf, type FormAlert } from "@/components/data/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClass, FormField } from "@/components/ui/form-field";
import { SubmitAlert } from "@/components/ui/submit-alert";
import { ZUri } from "@/lib/identity-providers/schema";
import type { ProviderFormValues } from "./form-values";
import { useDiscovery } from "./queries";

const problemOf = (title: string): FormAlert => ({ title, details: [], fieldErrors: false });

/** Seed 003: fill the editor from a .well-known/openid-configuration URL, or from its pasted JSON. */
export function DiscoveryPanel({ onDiscovered }: { onDiscovered: (input: Partial<ProviderFormValues>) => void }) {
  const discovery = useDiscovery();
  const [url, setUrl] = useState("");
  const [documentText, setDocumentText] = useState("");
  const [problem, setProblem] = useState<FormAlert | null>(null);
  const [result, setResult] = useState<{ issuer: string; notes: string[] } | null>(null);

  const run = (body: { url: string } | { document: unknown }) => {
    setProblem(null);
    setResult(null);
    discovery.mutate(body, {
      onSuccess: (data) => {
        onDiscovered(data.input);
        setResult({
          issuer: typeof data.discovery.issuer === "string" ? data.discovery.issuer : "",
          notes: data.notes,
        });
      },
      onError: (err) => {
        const { title, details } = failureOf(err);
        const refused = err instanceof ApiError && err.code === "address_not_allowed";
        setProblem({ ...problemOf(refused ? `This address is not allowed: ${title}` : title), details });
      },
    });
  };

  const loadUrl = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZUri.safeParse(url);
    if (!parsed.success) return setProblem(problemOf(parsed.error.issues[0]?.message ?? "Enter a URL"));
    run({ url: parsed.data });
  };

  const submitDocument = (event: FormEvent) => {
    event.preventDefault();
    let json: unknown;
    try {
      json = JSON.parse(documentText);
    } catch (err) {
      return setProblem(problemOf(`This is not valid JSON: ${errorMessage(err)}`));
    }
    if (typeof json !== "object" || json === null || Array.isArray(json))
      return setProblem(problemOf("Paste the whole JSON object of the discovery document"));
    run({ document: json });
  };

  return (
    <section className="rounded-lg border border-brand-100 bg-brand-50/60 p-6 shadow-sm">
      <h2 className="text-base font-semibold text-brand-900">Create from discovery</h2>
      <p className="mt-0.5 text-sm text-slate-600">
        The provider&apos;s endpoints, JWKS, issuer, supported client authentication methods and signing algorithms fill
        in from its OpenID configuration. You can change everything before saving.
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <form onSubmit={loadUrl} noValidate className="space-y-2">
          <FormField
            label="Well-known configuration URL"
            hint="Usually the issuer followed by /.well-known/openid-configuration. The document's issuer must match this URL."
          >
            {(control) => (
              <div className="flex gap-2">
                <input
                  {...control}
                  type="url"
                  value={url}
                  onChange={(e) => setUrl(e.currentTarget.value)}
                  spellCheck={false}
                  placeholder="https://idp.example.com/.well-known/openid-configuration"
                  className={`${controlClass} font-mono text-[13px]`}
                />
                <Button type="submit" disabled={discovery.isPending} className="gap-1.5">
                  <Search aria-hidden className="h-4 w-4" />
                  LOAD
                </Button>
              </div>
            )}
          </FormField>
        </form>
        <form onSubmit={submitDocument} noValidate className="space-y-2">
          <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Paste JSON instead</p>
          <FormField
            label="Discovery document (JSON)"
            hint="For a provider this server cannot reach: paste the content of its openid-configuration."
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={documentText}
                onChange={(e) => setDocumentText(e.currentTarget.value)}
                spellCheck={false}
                placeholder='{ "issuer": "https://idp.example.com", … }'
                className={`${controlClass} font-mono text-xs`}
              />
            )}
          </FormField>
          <Button
            type="submit"
            variant="secondary"
            disabled={discovery.isPending || !documentText.trim()}
            className="gap-1.5"
          >
            <FileJson aria-hidden className="h-4 w-4" />
            USE DOCUMENT
          </Button>
        </form>
      </div>
      <div className="mt-4 space-y-2 empty:hidden">
        {discovery.isPending ? <Alert tone="info">Loading the configuration…</Alert> : null}
        {problem ? <SubmitAlert alert={problem} show="paths" /> : null}
        {result ? (
          <Alert tone="success" title={`Settings filled in from ${result.issuer || "the discovery document"}`}>
            <p>Review them below, enter the Provider Name, Client Id and Client Secret, then save.</p>
            {result.notes.length ? (
              <ul className="mt-1 list-disc pl-5">
                {result.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
      </div>
    </section>
  );
}
