"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/data/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { SessionJson } from "@/lib/sessions/list-sessions";
import { formatDateTime } from "@/lib/format/date";
import { When } from "@/components/ui/when";

const sessionsKey = (userId: string) => ["users", "sessions", userId] as const;
const when = (d: Date | string | null) => <When value={d} />;

/** Settings → Users → a user: their open sessions; an administrator can end one (its next request is signed out). */
export function UserSessions({
  userId,
  canManage,
  currentSessionRef,
  self = false,
}: {
  userId: string;
  canManage: boolean;
  currentSessionRef: string | null;
  self?: boolean;
}) {
  const base = `/api/v6/users/${encodeURIComponent(userId)}/sessions`;
  const client = useQueryClient();
  const list = useQuery({ queryKey: sessionsKey(userId), queryFn: () => apiRequest<{ items: SessionJson[] }>(base) });
  const [ending, setEnding] = useState<SessionJson | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (s: SessionJson) => apiRequest<void>(`${base}/${encodeURIComponent(s.id)}`, { method: "DELETE" }),
    onSuccess: (_r, s) => {
      setNotice(`The session on ${s.device} has ended.`);
      setEnding(null);
      void client.invalidateQueries({ queryKey: sessionsKey(userId) });
    },
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="user-sessions-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-100 px-6 py-4">
        <h2 id="user-sessions-heading" className="text-base font-semibold text-brand-900">
          Sessions
        </h2>
        <p className="text-sm text-slate-500">
          {self ? "Where you are signed in now." : "Where this user is signed in now."} Ending a session signs that
          browser out at its next request.
        </p>
      </header>
      <div className="space-y-3 px-6 py-5">
        {notice ? (
          <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {notice}
          </p>
        ) : null}
        {list.isPending ? <p className="text-sm text-slate-500">Loading the sessions…</p> : null}
        {list.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(list.error)}
          </p>
        ) : null}
        {list.isSuccess && items.length === 0 ? <p className="text-sm text-slate-500">No open sessions.</p> : null}
        {items.length ? (
          <table className="w-full text-left text-sm">
            <thead className="text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4 font-medium">Device</th>
                <th className="py-2 pr-4 font-medium">IP address</th>
                <th className="py-2 pr-4 font-medium">Signed in with</th>
                <th className="py-2 pr-4 font-medium">Started</th>
                <th className="py-2 pr-4 font-medium">Last seen</th>
                {canManage ? (
                  <th className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((s) => (
                <tr key={s.id}>
                  <td className="py-2 pr-4" title={s.userAgent ?? undefined}>
                    {s.device}
                    {s.id === currentSessionRef ? (
                      <span className="text-brand-800 ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs">
                        this session
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs">{s.ip ?? "unknown"}</td>
                  <td className="py-2 pr-4">{s.method === "oauth" ? s.providerName : "Password"}</td>
                  <td className="py-2 pr-4">{when(s.startedAt)}</td>
                  <td className="py-2 pr-4">{when(s.lastSeenAt)}</td>
                  {canManage ? (
                    <td className="py-2 text-right">
                      <Button
                        type="button"
                        variant="secondary"
                        className="px-3 py-1 text-xs"
                        onClick={() => (end.reset(), setEnding(s))}
                        aria-label={`End session on ${s.device} started ${formatDateTime(s.startedAt)}`}
                      >
                        End session
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      <ConfirmDialog
        open={ending !== null}
        onOpenChange={(open) => !open && setEnding(null)}
        title="End this session?"
        confirmLabel="End session"
        pending={end.isPending}
        onConfirm={() => ending && end.mutate(ending)}
      >
        <p>The browser on {ending?.device ?? ""} is signed out at its next request. The user can sign in again.</p>
        {end.isError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
            {errorMessage(end.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
