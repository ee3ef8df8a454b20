"use client";

import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { apiRequest, errorMessage } from "@/components/data/api-client";
import { recordUrl } from "@/components/data/records";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-section";
import { describeMappingOutcome } from "@/lib/oauth/describe-mapping-outcome";
import { evaluateMappings } from "@/lib/oauth/mappings";
import type { MappingOutcome } from "@/lib/oauth/types";
import type { ProviderFormValues } from "./form-values";
import { PROVIDERS_API } from "./queries";

type Sample = { claims: Record<string, unknown> | null; resources: { uri: string; data: unknown }[] };

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
const TONE_CLASS = { ok: "text-emerald-800", warn: "font-medium text-amber-900", info: "text-slate-600" };

// The part of a sample the "Sample comes from" choice names, as the text to edit and preview again.
function sampleText(sample: Sample, source: string): string {
  const data = source === "jwt" ? sample.claims : sample.resources[Number(source)]?.data;
  return data === undefined || data === null ? "" : JSON.stringify(data, null, 2);
}

function OutcomeCell({ outcome: o }: { outcome: MappingOutcome }) {
  const meaning = describeMappingOutcome({ ...o, mode: o.mapping.mode, field: o.mapping.field });
  return <td className={`py-1 ${TONE_CLASS[meaning.tone]}`}>{meaning.text}</td>;
}

/** Paste a sample answer (or take the last Test connection's) and see what each mapping's path yields, before saving. */
export function MappingPreview({ providerId }: { providerId?: string }) {
  const { control } = useFormContext<ProviderFormValues>();
  const jwt = useWatch({ control, name: "jwt" });
  const resourceUris = useWatch({ control, name: "resourceUris" }) ?? [];
  const [source, setSource] = useState("jwt");
  const [text, setText] = useState("");
  const [sample, setSample] = useState<Sample | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Preview reads the text box: "Use the last Test connection" fills it, so Preview after it previews the same
  // sample instead of parsing an empty box ("not valid JSON" beside the last test's table).
  const usePasted = () => {
    if (text.trim() === "") {
      setSample(null);
      setError("Paste a sample answer first, or use the last Test connection.");
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      setSample(null);
      setError("The sample is not valid JSON.");
      return;
    }
    const index = Number(source);
    setSample(
      source === "jwt"
        ? { claims: data as Record<string, unknown>, resources: [] }
        : {
            claims: null,
            resources: resourceUris.map((r, i) => ({ uri: r.uri ?? "", data: i === index ? data : undefined })),
          },
    );
    setError(null);
  };
  const useLastTest = async () => {
    try {
      const last = await apiRequest<Sample>(recordUrl(PROVIDERS_API, providerId!, "/last-test"));
      setSample(last);
      setText(sampleText(last, source));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  let outcomes: MappingOutcome[] = [];
  if (sample) {
    const provider = {
      jwt: jwt ? { mappings: (jwt.mappings ?? []) as never } : null,
      resourceUris: resourceUris as never,
    };
    outcomes = evaluateMappings(sample, provider, null);
  }
  return (
    <FormSection
      id="mapping-preview"
      title="Mapping preview"
      description="What each Field property path yields on a sample answer. Nothing is saved or sent."
    >
      <div className="grid gap-3 md:grid-cols-[12rem_1fr]">
        <label className="text-sm font-medium text-slate-700">
          Sample comes from
          <select
            value={source}
            onChange={(e) => setSource(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2 text-sm"
          >
            <option value="jwt">ID token claims</option>
            {resourceUris.map((_, i) => (
              <option key={i} value={String(i)}>{`Resource URI ${i + 1}`}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Sample JSON
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={5}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
            placeholder='{ "sub": "248289761001", "email": "jane@example.com" }'
          />
        </label>
      </div>
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={usePasted}>
          Preview
        </Button>
        {providerId ? (
          <Button type="button" variant="secondary" onClick={useLastTest}>
            Use the last Test connection
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {sample ? (
        outcomes.length === 0 ? (
          <p className="text-sm text-slate-500">No field mappings are configured.</p>
        ) : (
          <table className="min-w-full text-sm" aria-label="Mapping preview">
            <thead className="text-left text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-1 pr-3">Source</th>
                <th className="py-1 pr-3">Path</th>
                <th className="py-1 pr-3">Value</th>
                <th className="py-1">What would happen</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o, i) => (
                <tr key={i} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-3">{o.source === "jwt" ? "ID token" : o.source}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{o.mapping.path}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{o.found ? show(o.value) : "not found"}</td>
                  <OutcomeCell outcome={o} />
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </FormSection>
  );
}
