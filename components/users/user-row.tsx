"use client";

import { Eye, Pencil } from "lucide-react";
import Link from "next/link";
import { Switch } from "@/components/ui/switch";
import type { UserJson } from "@/lib/users/user-json";

const muted = <span className="text-slate-500">—</span>;

export function UserRow({
  user: u,
  canManage,
  isSelf,
  onToggle,
  busy,
}: {
  user: UserJson;
  canManage: boolean;
  isSelf: boolean;
  onToggle: (enabled: boolean) => void;
  busy: boolean;
}) {
  const href = `/settings/users/${encodeURIComponent(u.id)}`;
  const ActionIcon = canManage ? Pencil : Eye;
  return (
    <tr className={`hover:bg-slate-50/70 ${u.enabled ? "" : "text-slate-500"}`}>
      <td className="max-w-xs px-3 py-2.5">
        <Link href={href} className="font-medium break-all text-brand-700 hover:underline">
          {u.email}
        </Link>
        {isSelf ? (
          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">you</span>
        ) : null}
      </td>
      <td className="max-w-40 px-3 py-2.5 break-words">{u.firstName || muted}</td>
      <td className="max-w-40 px-3 py-2.5 break-words">{u.lastName || muted}</td>
      <td className="max-w-40 px-3 py-2.5 font-mono text-xs break-all">{u.username ?? muted}</td>
      <td className="max-w-40 px-3 py-2.5 font-mono text-xs break-all">{u.sid ?? muted}</td>
      <td className="px-3 py-2.5">
        {u.roles.length ? (
          <ul className="flex flex-wrap gap-1">
            {u.roles.map((r) => (
              <li key={r.id} className="text-brand-800 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium">
                {r.name}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-xs text-slate-500">No roles</span>
        )}
      </td>
      <td className="px-3 py-2.5">
        {canManage ? (
          <Switch
            checked={u.enabled}
            label={`Enabled ${u.email}`}
            disabled={busy || (isSelf && u.enabled)}
            onCheckedChange={onToggle}
          />
        ) : (
          <span>{u.enabled ? "Yes" : "No"}</span>
        )}
      </td>
      <td className="px-3 py-2.5 text-right">
        <Link
          href={href}
          title={canManage ? "Edit" : "View"}
          className="inline-flex h-8 w-8 items-center justify-center rounded-md text-brand-700 hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          <ActionIcon aria-hidden className="h-4 w-4" />
          <span className="sr-only">
            {canManage ? "Edit" : "View"} {u.email}
          </span>
        </Link>
      </td>
    </tr>
  );
}
