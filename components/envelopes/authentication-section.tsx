"use client";

import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { controlClass } from "@/components/ui/form-field";
import { FILTER_OPERATIONS } from "@/lib/oauth/recipient-filters";
import type { DesignerProvider, DesignerValues } from "./designer-values";
import { FieldProblem } from "./field-problem";

const FILTER_FIELDS = ["Email", "FirstName", "LastName", "Phone", "Name", "Subject"];
// The form's own controls, one size smaller: a filter is one row of three.
const small = controlClass.replace("px-3 py-2", "px-2 py-1.5");
const smallButton =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600";

/** The filter a ticked provider starts with (seed 001's own example): the IdP's email equals the recipient's. */
export const DEFAULT_FILTER = { field: "Email", operation: "Equals", value: "" };

function ProviderFilters({ index, pi, providerName }: { index: number; pi: number; providerName: string }) {
  const { control, register } = useFormContext<DesignerValues>();
  const filters = useFieldArray({ control, name: `recipients.${index}.providers.${pi}.filters` });
  const values = useWatch({ control, name: `recipients.${index}.providers.${pi}.filters` });
  return (
    <div className="ml-6 space-y-2">
      {filters.fields.length ? (
        <p className="text-xs text-slate-600">Sign-in is accepted only when every filter holds.</p>
      ) : null}
      {filters.fields.map((f, fi) => (
        <div
          key={f.id}
          className="grid grid-cols-[8rem_10rem_minmax(8rem,1fr)_auto] items-center gap-2"
          role="group"
          aria-label={`${providerName} filter ${fi + 1}`}
        >
          <select
            aria-label="Filter field"
            className={small}
            {...register(`recipients.${index}.providers.${pi}.filters.${fi}.field`)}
          >
            {FILTER_FIELDS.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
          <select
            aria-label="Compare operation"
            className={small}
            {...register(`recipients.${index}.providers.${pi}.filters.${fi}.operation`)}
          >
            {FILTER_OPERATIONS.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
          <input
            aria-label="Filter value"
            className={small}
            placeholder={values?.[fi]?.field === "Email" ? "The recipient's email" : ""}
            {...register(`recipients.${index}.providers.${pi}.filters.${fi}.value`)}
          />
          <button type="button" className={`${smallButton} text-red-700`} onClick={() => filters.remove(fi)}>
            Remove{" "}
            <span className="sr-only">
              filter {fi + 1} of {providerName}
            </span>
          </button>
        </div>
      ))}
      <button type="button" className={smallButton} onClick={() => filters.append({ ...DEFAULT_FILTER })}>
        Add filter for {providerName}
      </button>
    </div>
  );
}

/** Per recipient: Access code, Sms code, and one checkbox per OAuth Authorization Provider with its filters and Custom values. Any one chosen method suffices. */
export function AuthenticationSection({ index, providers }: { index: number; providers: DesignerProvider[] }) {
  const { register, control, getValues, setValue } = useFormContext<DesignerValues>();
  const r = useWatch({ control, name: `recipients.${index}` });
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">Authentication</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register(`recipients.${index}.accessCodeOn`)} /> Access code
      </label>
      {r?.accessCodeOn ? (
        <div className="ml-6 max-w-xs">
          <input
            aria-label="Access code value"
            type="password"
            autoComplete="new-password"
            className={controlClass}
            {...register(`recipients.${index}.accessCode`)}
          />
        </div>
      ) : null}
      <div className="ml-6">
        <FieldProblem name={`recipients.${index}.accessCode`} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register(`recipients.${index}.sms`)} /> Sms code
      </label>
      <div>
        <p className="text-sm font-medium text-slate-800">OAuth Authorization Providers</p>
        {providers.length === 0 ? (
          <p className="text-xs text-slate-500">
            No provider is enabled for signer authentication (Settings → Identity Providers).
          </p>
        ) : null}
        <div className="mt-1 space-y-2">
          {providers.map((p, pi) => (
            <div key={p.id} className="space-y-2">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  {...register(`recipients.${index}.providers.${pi}.on`, {
                    // Ticked with no filter yet: the Email filter, removable.
                    onChange: (e: { target: { checked: boolean } }) => {
                      const path = `recipients.${index}.providers.${pi}.filters` as const;
                      if (e.target.checked && !getValues(path)?.length) setValue(path, [{ ...DEFAULT_FILTER }]);
                    },
                  })}
                />{" "}
                {p.name}
              </label>
              {r?.providers?.[pi]?.on ? (
                <>
                  <ProviderFilters index={index} pi={pi} providerName={p.name} />
                  {p.customFields.map((cf, ci) => (
                    <label key={cf} className="ml-6 flex items-center gap-2 text-sm">
                      Expected value of {cf}
                      <input className={small} {...register(`recipients.${index}.providers.${pi}.custom.${ci}`)} />
                    </label>
                  ))}
                </>
              ) : null}
            </div>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
