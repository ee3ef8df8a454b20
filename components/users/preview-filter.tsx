"use client";

import { VALUE_STYLES } from "@/components/roles/permission-value";
import { PERMISSION_VALUES, type PermissionValue } from "@/lib/users/permission-catalogue";

const OPTIONS = ["ALL", ...PERMISSION_VALUES] as const;

/** ALL / BLOCK / FORBID / ALLOW: which effective values the preview lists. */
export function PreviewFilter({
  value,
  onChange,
}: {
  value: PermissionValue | "ALL";
  onChange: (v: PermissionValue | "ALL") => void;
}) {
  return (
    <div
      role="radiogroup"
      aria-label="Show permissions that are"
      className="inline-flex overflow-hidden rounded-md border border-slate-300 text-xs font-semibold"
    >
      {OPTIONS.map((o) => (
        <label
          key={o}
          className={`relative cursor-pointer border-l border-slate-300 px-3 py-1.5 first:border-l-0 has-focus-visible:ring-2 has-focus-visible:ring-brand-600 ${o === value ? (o === "ALL" ? "bg-brand-600 text-white" : VALUE_STYLES[o].on) : "bg-white text-slate-600 hover:bg-slate-50"}`}
        >
          <input
            type="radio"
            name="preview-filter"
            value={o}
            checked={o === value}
            onChange={() => onChange(o)}
            className="absolute inset-0 h-full w-full cursor-pointer opacity-0"
          />
          {o}
        </label>
      ))}
    </div>
  );
}
