import { PERMISSION_VALUES, type PermissionValue } from "@/lib/users/permission-catalogue";

export const VALUE_STYLES: Record<PermissionValue, { on: string; text: string }> = {
  BLOCK: { on: "border-red-600 bg-red-600 text-white", text: "text-red-700" },
  FORBID: { on: "border-slate-600 bg-slate-600 text-white", text: "text-slate-700" },
  ALLOW: { on: "border-emerald-600 bg-emerald-600 text-white", text: "text-emerald-700" },
};

/** A read-only BLOCK / FORBID / ALLOW strip with the effective value lit; screen readers hear only that value. */
export function EffectiveValue({ value }: { value: PermissionValue }) {
  return (
    <span className="inline-flex shrink-0 items-center">
      <span className="sr-only">{value}</span>
      <span
        aria-hidden
        className="inline-flex overflow-hidden rounded-md border border-slate-200 text-[11px] font-semibold tracking-wide"
      >
        {PERMISSION_VALUES.map((v) => (
          <span
            key={v}
            className={`border-l px-2 py-1 first:border-l-0 ${v === value ? VALUE_STYLES[v].on : "border-slate-200 bg-white text-slate-300"}`}
          >
            {v}
          </span>
        ))}
      </span>
    </span>
  );
}
