"use client";

import { LoaderCircle } from "lucide-react";
import { useController, useFormContext } from "react-hook-form";
import { errorMessage } from "@/components/data/api-client";
import { useRoles } from "@/components/roles/queries";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { useUserFieldError, type UserFormValues } from "./user-form-fields";

/** One checkbox per role; the list of ids is the form's roleIds. */
export function RoleCheckboxes({ disabled }: { disabled?: boolean }) {
  const { control } = useFormContext<UserFormValues>();
  const { field } = useController({ control, name: "roleIds" });
  const error = useUserFieldError("roleIds");
  const roles = useRoles();
  const chosen = new Set((field.value ?? []).map((id) => id.toLowerCase()));
  if (roles.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
        <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" /> Loading roles…
      </p>
    );
  }
  if (roles.isError)
    return <p className="text-sm text-red-700">The roles could not be loaded: {errorMessage(roles.error)}</p>;
  if (roles.data.length === 0)
    return <p className="text-sm text-slate-500">No roles exist yet. Create them under Roles and Permissions.</p>;
  const toggle = (id: string, on: boolean) =>
    field.onChange(on ? [...chosen, id] : [...chosen].filter((x) => x !== id));
  return (
    <fieldset aria-describedby={error ? "user-roles-error" : undefined}>
      <legend className="sr-only">Roles</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {roles.data.map((r) => (
          <CheckboxField
            key={r.id}
            label={r.name}
            hint={r.description || undefined}
            checked={chosen.has(r.id)}
            disabled={disabled}
            onChange={(e) => toggle(r.id, e.currentTarget.checked)}
          />
        ))}
      </div>
      {error ? (
        <p id="user-roles-error" className="mt-2 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
