"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";
import { EffectiveValue } from "@/components/roles/permission-value";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { permissionGroups, previewPermissions } from "@/lib/users/permission-groups";
import type { PermissionValue } from "@/lib/users/permission-catalogue";
import type { RoleJson } from "@/lib/users/role-json";
import { PreviewFilter } from "./preview-filter";

/**
 * PREVIEW PERMISSIONS: choose roles, see each permission's effective value over them (any BLOCK
 * wins, else any ALLOW, else FORBID: the server's own function, run here) and which roles decide it.
 */
export function PreviewPermissionsDialog({
  open,
  onOpenChange,
  roles,
  initialRoleIds,
  onApply,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  roles: RoleJson[];
  initialRoleIds: string[];
  onApply?: (roleIds: string[]) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100vh-2rem)] w-[calc(100%-2rem)] max-w-3xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-white shadow-xl focus:outline-none">
          {/* Mounted only while open, so each opening starts from the user's current roles. */}
          {open ? (
            <PreviewBody
              roles={roles}
              initialRoleIds={initialRoleIds}
              onApply={onApply}
              close={() => onOpenChange(false)}
            />
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function PreviewBody({
  roles,
  initialRoleIds,
  onApply,
  close,
}: {
  roles: RoleJson[];
  initialRoleIds: string[];
  onApply?: (roleIds: string[]) => void;
  close: () => void;
}) {
  const [chosen, setChosen] = useState(() => new Set(initialRoleIds.map((id) => id.toLowerCase())));
  const [filter, setFilter] = useState<PermissionValue | "ALL">("ALL");
  const preview = previewPermissions(roles.filter((r) => chosen.has(r.id)));
  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const groups = permissionGroups()
    .map((g) => ({ ...g, rows: g.keys.map((k) => preview[k]).filter((p) => filter === "ALL" || p.value === filter) }))
    .filter((g) => g.rows.length);

  return (
    <>
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <Dialog.Title className="text-lg font-semibold text-brand-900">Preview Permissions</Dialog.Title>
        <Dialog.Description className="mt-1 text-sm text-slate-600">
          Select all roles that should be taken into account for computing the preview.
        </Dialog.Description>
        <fieldset className="mt-4">
          <legend className="sr-only">Roles taken into account</legend>
          {/* An organisation with many roles scrolls this list, so the permissions and CLOSE stay on screen. */}
          <div className="grid max-h-[30vh] gap-2 overflow-y-auto sm:grid-cols-3">
            {roles.map((r) => (
              <CheckboxField
                key={r.id}
                label={r.name}
                checked={chosen.has(r.id)}
                onChange={(e) => toggle(r.id, e.currentTarget.checked)}
              />
            ))}
          </div>
        </fieldset>
      </div>
      <section aria-labelledby="related-permissions" className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h3 id="related-permissions" className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
            Related Permissions
          </h3>
          <PreviewFilter value={filter} onChange={setFilter} />
        </div>
        {groups.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">No permission is {filter} with these roles.</p>
        ) : null}
        {groups.map((g) => (
          <div key={g.id} className="mt-4">
            <h4 className="text-sm font-semibold text-brand-900">{g.title}</h4>
            <table className="mt-1 w-full text-sm">
              <tbody className="divide-y divide-slate-100">
                {g.rows.map((p) => (
                  <tr key={p.key}>
                    <th scope="row" className="py-2 pr-3 text-left font-normal text-slate-800">
                      {p.label}
                      {p.decidedBy.length ? (
                        <span className="block text-xs text-slate-500">{`${p.value} from ${p.decidedBy.join(", ")}`}</span>
                      ) : null}
                    </th>
                    <td className="w-0 py-2 text-right">
                      <EffectiveValue value={p.value} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <div className="flex justify-end gap-2 border-t border-slate-100 px-6 py-3">
        {onApply ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              onApply([...chosen]);
              close();
            }}
          >
            Use these roles
          </Button>
        ) : null}
        <Dialog.Close asChild>
          <Button type="button">CLOSE</Button>
        </Dialog.Close>
      </div>
    </>
  );
}
