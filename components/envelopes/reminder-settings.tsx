"use client";

import { useFormContext } from "react-hook-form";
import { controlClass } from "@/components/ui/form-field";
import type { DesignerValues } from "./designer-values";

const DAY_FIELDS = [
  ["first", "First reminder after (days)", 1],
  ["recurrent", "Then every (days, 0: no more)", 0],
  ["beforeExpiration", "Last one before the expiry (days, 0: none)", 0],
] as const;

/** The designer's reminder settings (the seed's EnableReminders and its three day amounts). */
export function ReminderSettings() {
  const form = useFormContext<DesignerValues>();
  const enabled = form.watch("reminders.enabled");
  return (
    <fieldset className="space-y-2">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" className="h-4 w-4 accent-brand-600" {...form.register("reminders.enabled")} />
        Send reminders to the signers whose turn it is
      </label>
      {enabled ? (
        <div className="flex flex-wrap gap-4">
          {DAY_FIELDS.map(([key, label, min]) => (
            <label key={key} className="block space-y-1 text-sm font-medium text-slate-800">
              <span>{label}</span>
              <input
                type="number"
                min={min}
                max={365}
                step={1}
                className={`${controlClass} max-w-32`}
                {...form.register(`reminders.${key}`, { valueAsNumber: true })}
              />
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
