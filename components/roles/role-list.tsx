"use client";

import { TableFrame } from "@/components/ui/table-frame";
import { LoaderCircle, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PERMISSION_VALUES } from "@/lib/users/permission-catalogue";
import type { RoleJson } from "@/lib/users/role-json";
import { DeleteRoleDialog } from "./delete-role-dialog";
import { VALUE_STYLES } from "./permission-value";
import { useRoles } from "./queries";

const iconClass =
  "inline-flex h-8 w-8 items-center justify-center rounded-md focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600";

function Summary({ role }: { role: RoleJson }) {
  const counts = PERMISSION_VALUES.map(
    (v) => [v, Object.values(role.permissions).filter((x) => x === v).length] as const,
  ).filter(([v, n]) => n > 0 && v !== "FORBID");
  if (counts.length === 0) return <span className="text-slate-500">Nothing allowed</span>;
  return (
    <span className="flex gap-2">
      {counts.map(([v, n]) => (
        <span key={v} className={`text-xs font-semibold ${VALUE_STYLES[v].text}`}>{`${n} ${v}`}</span>
      ))}
    </span>
  );
}

export function RoleList() {
  const roles = useRoles();
  const [toDelete, setToDelete] = useState<RoleJson | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (roles.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 py-12 text-sm text-slate-500">
        <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" /> Loading roles…
      </p>
    );
  }
  if (roles.isError)
    return (
      <Alert tone="error" title="The roles could not be loaded">
        {errorMessage(roles.error)}
      </Alert>
    );
  if (roles.data.length === 0)
    return <EmptyState title="No roles yet">Create a role, set its permissions, then give it to users.</EmptyState>;
  return (
    <div className="space-y-4">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <TableFrame label="Roles table">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-3">
                Name
              </th>
              <th scope="col" className="px-3 py-3">
                Description
              </th>
              <th scope="col" className="px-3 py-3">
                Permissions
              </th>
              <th scope="col" className="px-3 py-3">
                Users
              </th>
              <th scope="col" className="px-3 py-3 text-right">
                Actions
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {roles.data.map((r) => {
              const href = `/settings/roles/${encodeURIComponent(r.id)}`;
              return (
                <tr key={r.id} className="hover:bg-slate-50/70">
                  <td className="max-w-xs px-3 py-3 break-words">
                    <Link href={href} className="font-medium text-brand-700 hover:underline">
                      {r.name}
                    </Link>
                  </td>
                  <td className="max-w-md px-3 py-3 break-words text-slate-600">{r.description}</td>
                  <td className="px-3 py-3">
                    <Summary role={r} />
                  </td>
                  <td className="px-3 py-3 tabular-nums">{r.userCount}</td>
                  <td className="px-3 py-3">
                    <div className="flex justify-end gap-1">
                      <Link href={href} title="Edit" className={`${iconClass} text-brand-700 hover:bg-brand-50`}>
                        <Pencil aria-hidden className="h-4 w-4" />
                        <span className="sr-only">Edit {r.name}</span>
                      </Link>
                      <button
                        type="button"
                        title="Delete"
                        className={`${iconClass} text-red-600 hover:bg-red-50`}
                        onClick={() => setToDelete(r)}
                      >
                        <Trash2 aria-hidden className="h-4 w-4" />
                        <span className="sr-only">Delete {r.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableFrame>
      <DeleteRoleDialog
        role={toDelete}
        onClose={() => setToDelete(null)}
        onDeleted={(name) => setNotice(`Role "${name}" deleted.`)}
      />
    </div>
  );
}
