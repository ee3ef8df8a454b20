"use client";

import { useFormContext } from "react-hook-form";
import { FormSection } from "@/components/ui/form-section";
import { PERMISSION_VALUES, type PermissionKey, type PermissionValue } from "@/lib/users/permission-catalogue";
import { permissionGroups, permissionLabel } from "@/lib/users/permission-groups";
import type { TRoleInput } from "@/lib/users/schema";
import { VALUE_STYLES } from "./permission-value";

const HINTS: Record<PermissionValue, string> = {
  BLOCK: "denied, whatever the user's other roles say",
  FORBID: "not given by this role; another role may ALLOW it",
  ALLOW: "given, unless another role of the user BLOCKs it",
};

/** One radiogroup per permission, named by the permission's text; grouped as Related Permissions. */
function PermissionRow({ permission }: { permission: PermissionKey }) {
  const { register } = useFormContext<TRoleInput>();
  const labelId = `permission-${permission}`;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 py-2">
      <span id={labelId} className="text-sm text-slate-800">
        {permissionLabel(permission)}
      </span>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        className="inline-flex overflow-hidden rounded-md border border-slate-300 text-xs font-semibold"
      >
        {PERMISSION_VALUES.map((value) => (
          <label
            key={value}
            title={`${value}: ${HINTS[value]}`}
            className="relative border-l border-slate-300 first:border-l-0"
          >
            <input
              type="radio"
              value={value}
              {...register(`permissions.${permission}`)}
              className="peer absolute inset-0 h-full w-full cursor-pointer opacity-0"
            />
            <span
              className={`block px-3 py-1.5 text-slate-600 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-inset peer-[:hover:not(:checked)]:bg-slate-50 ${checkedStyle(value)}`}
            >
              {value}
            </span>
          </label>
        ))}
      </div>
    </div>
  );
}

// Tailwind needs the full class names in the source: peer-checked variants of each value's colours.
const checkedStyle = (v: PermissionValue) =>
  v === "BLOCK"
    ? "peer-checked:bg-red-600 peer-checked:text-white"
    : v === "FORBID"
      ? "peer-checked:bg-slate-600 peer-checked:text-white"
      : "peer-checked:bg-emerald-700 peer-checked:text-white";

export function PermissionGrid() {
  const { setValue } = useFormContext<TRoleInput>();
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        For each permission: <strong className={VALUE_STYLES.ALLOW.text}>ALLOW</strong> gives it,{" "}
        <strong className={VALUE_STYLES.FORBID.text}>FORBID</strong> leaves it to the user&apos;s other roles,{" "}
        <strong className={VALUE_STYLES.BLOCK.text}>BLOCK</strong> denies it whatever they say. Over a user&apos;s
        roles, any BLOCK wins, else any ALLOW, else FORBID.
      </p>
      {permissionGroups().map((g) => (
        <FormSection
          key={g.id}
          title={g.title}
          description={g.description}
          actions={
            <div className="flex gap-1" role="group" aria-label={`Set every ${g.title} permission`}>
              {PERMISSION_VALUES.map((v) => (
                <button
                  key={v}
                  type="button"
                  className="rounded border border-slate-200 px-2 py-1 text-[11px] font-semibold text-slate-600 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                  onClick={() => g.keys.forEach((k) => setValue(`permissions.${k}`, v, { shouldDirty: true }))}
                >
                  All {v}
                </button>
              ))}
            </div>
          }
        >
          <div className="-my-2 divide-y divide-slate-100">
            {g.keys.map((k) => (
              <PermissionRow key={k} permission={k} />
            ))}
          </div>
        </FormSection>
      ))}
    </div>
  );
}
