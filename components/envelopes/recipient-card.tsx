"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { controlClass } from "@/components/ui/form-field";
import { AuthenticationSection } from "./authentication-section";
import { CertificateSection } from "./certificate-section";
import type { DesignerProvider, DesignerValues } from "./designer-values";
import { FieldProblem } from "./field-problem";

type Props = {
  index: number;
  providers: DesignerProvider[];
  onRemove: (() => void) | null;
  onUp: (() => void) | null;
};

/** One recipient line in order: names, email, phone, Signer or Cc, authentication, disposable certificate (fields: see FieldDesigner). */
export function RecipientCard({ index, providers, onRemove, onUp }: Props) {
  const { register, control } = useFormContext<DesignerValues>();
  const role = useWatch({ control, name: `recipients.${index}.role` });
  const n = index + 1;
  return (
    <li className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={`Recipient ${n}`}>
      <div className="flex items-center justify-between">
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
          {n}
        </span>
        <div className="flex gap-3 text-xs">
          {onUp ? (
            <button type="button" className="underline" onClick={onUp}>
              Move up
            </button>
          ) : null}
          {onRemove ? (
            <button type="button" className="text-red-700 underline" onClick={onRemove}>
              Delete recipient {n}
            </button>
          ) : null}
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {(
          [
            ["firstName", "First name", "text"],
            ["lastName", "Last name", "text"],
            ["email", "Email", "email"],
            ["phone", "Mobile phone (Optional)", "tel"],
          ] as const
        ).map(([name, label, type]) => (
          <label key={name} className="space-y-1 text-sm font-medium text-slate-800">
            <span>
              {label} <span className="sr-only">of recipient {n}</span>
            </span>
            <input type={type} className={controlClass} {...register(`recipients.${index}.${name}`)} />
            <FieldProblem name={`recipients.${index}.${name}`} />
          </label>
        ))}
        <label className="space-y-1 text-sm font-medium text-slate-800">
          <span>
            Role <span className="sr-only">of recipient {n}</span>
          </span>
          <select className={controlClass} {...register(`recipients.${index}.role`)}>
            <option value="Signer">Signer</option>
            <option value="Cc">Cc</option>
          </select>
        </label>
      </div>
      {role === "Signer" ? (
        <>
          <AuthenticationSection index={index} providers={providers} />
          <CertificateSection index={index} />
        </>
      ) : null}
    </li>
  );
}
