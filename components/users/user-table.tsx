"use client";

import { TableFrame } from "@/components/ui/table-frame";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { UserJson } from "@/lib/users/user-json";
import { UserRow } from "./user-row";

const COLUMNS = [
  { label: "Email", field: "email" },
  { label: "First name", field: "firstName" },
  { label: "Last name", field: "lastName" },
  { label: "Username", field: "username" },
  { label: "SID", field: "sid" },
  { label: "Roles", field: "roles" },
  { label: "Enabled", field: "enabled" },
] as const;

function SortHeader({
  label,
  field,
  sort,
  onSort,
}: {
  label: string;
  field: string;
  sort: string;
  onSort: (sort: string) => void;
}) {
  const active = sort.replace(/^-/, "") === field;
  const desc = active && sort.startsWith("-");
  const Icon = !active ? ArrowUpDown : desc ? ArrowDown : ArrowUp;
  return (
    <th
      scope="col"
      aria-sort={active ? (desc ? "descending" : "ascending") : undefined}
      className="px-3 py-2 text-left"
    >
      <button
        type="button"
        onClick={() => onSort(active && !desc ? `-${field}` : field)}
        className={`inline-flex items-center gap-1 rounded text-xs font-semibold tracking-wide uppercase focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${active ? "text-brand-700" : "text-slate-500 hover:text-slate-800"}`}
      >
        {label}
        <Icon aria-hidden className="h-3.5 w-3.5" />
        <span className="sr-only">{active ? (desc ? ", sorted descending" : ", sorted ascending") : ", sort"}</span>
      </button>
    </th>
  );
}

export function UserTable({
  users,
  sort,
  onSort,
  canManage,
  currentUserId,
  onToggle,
  busy,
  empty,
}: {
  users: UserJson[];
  sort: string;
  onSort: (sort: string) => void;
  canManage: boolean;
  currentUserId: string;
  onToggle: (user: UserJson, enabled: boolean) => void;
  busy: boolean;
  empty: string;
}) {
  return (
    <TableFrame label="Users table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.field} label={c.label} field={c.field} sort={sort} onSort={onSort} />
            ))}
            <th
              scope="col"
              className="px-3 py-2 text-right text-xs font-semibold tracking-wide text-slate-500 uppercase"
            >
              Actions
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="px-3 py-10 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          ) : (
            users.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                canManage={canManage}
                isSelf={u.id === currentUserId}
                onToggle={(enabled) => onToggle(u, enabled)}
                busy={busy}
              />
            ))
          )}
        </tbody>
      </table>
    </TableFrame>
  );
}
