"use client";

import { Controller, useFormContext } from "react-hook-form";
import { SIGNING_ALGORITHMS } from "@/lib/oauth/provider-config";
import type { ProviderFormValues } from "./form-values";
import { useFieldError } from "./use-field-error";

type Algorithm = (typeof SIGNING_ALGORITHMS)[number];

/** The ID token's allowed `alg` values; `none` and HMAC algorithms are not even offered. */
export function AlgorithmCheckboxes() {
  const { control } = useFormContext<ProviderFormValues>();
  const error = useFieldError("jwt.allowedAlgorithms");
  return (
    <Controller
      control={control}
      name="jwt.allowedAlgorithms"
      render={({ field }) => {
        const selected = new Set<Algorithm>(field.value ?? []);
        const toggle = (alg: Algorithm, on: boolean) => {
          if (on) selected.add(alg);
          else selected.delete(alg);
          // Keep the list in the canonical order so that re-checking is not a change.
          field.onChange(SIGNING_ALGORITHMS.filter((a) => selected.has(a)));
        };
        return (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Allowed signing algorithms</legend>
            <p className="mb-2 text-xs text-slate-500">
              The ID token must be signed with one of these. &apos;none&apos; and HMAC (HS*) algorithms are never
              accepted.
            </p>
            <div className="grid grid-cols-3 gap-x-4 gap-y-2 sm:grid-cols-5">
              {SIGNING_ALGORITHMS.map((alg) => (
                <label key={alg} className="inline-flex cursor-pointer items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-brand-600"
                    checked={selected.has(alg)}
                    onChange={(e) => toggle(alg, e.currentTarget.checked)}
                    onBlur={field.onBlur}
                    ref={alg === SIGNING_ALGORITHMS[0] ? field.ref : undefined}
                  />
                  <span className="font-mono text-[13px]">{alg}</span>
                </label>
              ))}
            </div>
            {error ? <p className="mt-1 text-xs font-medium text-red-700">{error}</p> : null}
          </fieldset>
        );
      }}
    />
  );
}
