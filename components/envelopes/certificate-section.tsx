"use client";

import countryNames from "i18n-iso-countries/langs/en.json";
import { useFormContext, useWatch } from "react-hook-form";
import { controlClass } from "@/components/ui/form-field";
import { CERTIFICATE_KEYS, CERTIFICATE_LABELS, type CertificateKey } from "@/lib/envelopes/disposable-certificate";
import type { DesignerValues } from "./designer-values";
import { FieldProblem } from "./field-problem";

// Seed 001's "Recipient definition in Web UI": the disposable-certificate holder's data, the
// expected values of Validate mappings on those fields. Folded: most envelopes need none of it.

const INPUTS: Partial<Record<CertificateKey, string>> = {
  DocumentIssuedOn: "date",
  DocumentExpiryDate: "date",
  PhoneNumber: "tel",
  IdentificationIssuingCountry: "country",
  DocumentIssuingCountry: "country",
  CountryOfResidence: "country",
};

const COUNTRIES = Object.entries(countryNames.countries)
  .map(([code, names]) => [code, Array.isArray(names) ? names[0]! : names] as const)
  .sort((a, b) => a[1].localeCompare(b[1], "en"));

export function CertificateSection({ index }: { index: number }) {
  const { register, control } = useFormContext<DesignerValues>();
  const values = useWatch({ control, name: `recipients.${index}.certificate` });
  const filled = CERTIFICATE_KEYS.filter((k) => values?.[k]?.trim()).length;
  const n = index + 1;
  return (
    <details className="rounded-md border border-slate-200 p-3" open={filled > 0 ? true : undefined}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">
        Disposable certificate{" "}
        <span className="font-normal text-slate-600">
          {filled ? `(${filled} of ${CERTIFICATE_KEYS.length} given)` : "(optional)"}
        </span>
        <span className="sr-only"> of recipient {n}</span>
      </summary>
      <p className="mt-2 text-xs text-slate-600">
        The holder&apos;s identity document, as a provider&apos;s Validate mappings compare it (Update mappings fill
        it). Dates as on the document; countries by their ISO code.
      </p>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {CERTIFICATE_KEYS.map((key) => {
          const label = CERTIFICATE_LABELS[key];
          const input = INPUTS[key] ?? "text";
          const name = `recipients.${index}.certificate.${key}` as const;
          return (
            <label key={key} className="space-y-1 text-sm font-medium text-slate-800">
              <span>
                {label} <span className="sr-only">of recipient {n}</span>
              </span>
              {input === "country" ? (
                <select className={controlClass} {...register(name)}>
                  <option value="">Not given</option>
                  {COUNTRIES.map(([code, country]) => (
                    <option key={code} value={code}>
                      {country} ({code})
                    </option>
                  ))}
                </select>
              ) : (
                <input type={input} className={controlClass} {...register(name)} />
              )}
              <FieldProblem name={name} />
            </label>
          );
        })}
      </div>
    </details>
  );
}
