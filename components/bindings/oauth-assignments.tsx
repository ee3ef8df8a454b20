"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiRequest } from "@/components/data/api-client";
import { Button } from "@/components/ui/button";
import { addableProviders } from "@/lib/bindings/addable-providers";
import type { AssignmentJson } from "@/lib/bindings/list-assignments";
import { When } from "@/components/ui/when";

const STATE_STYLE: Record<AssignmentJson["state"], string> = {
  invited: "bg-amber-50 text-amber-800",
  bound: "bg-emerald-50 text-emerald-800",
  invalidated: "bg-slate-100 text-slate-600",
  expired: "bg-red-50 text-red-700",
};

/** User authentication → OAuth assignments: invite to a provider, see each state, resend, remove. */
export function OAuthAssignments({
  userId,
  providers,
  canManage,
}: {
  userId: string;
  providers: { id: string; name: string }[];
  canManage: boolean;
}) {
  const base = `/api/v6/users/${userId}/oauth-assignments`;
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ["assignments", userId],
    queryFn: () => apiRequest<{ items: AssignmentJson[] }>(base),
  });
  const [providerId, setProviderId] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const act = useMutation({
    mutationFn: (a: { url: string; method: string; body?: unknown; done: string }) =>
      apiRequest(a.url, { method: a.method, body: a.body }).then(() => a.done),
    onSuccess: (done) => {
      setMessage({ tone: "ok", text: done });
      void client.invalidateQueries({ queryKey: ["assignments", userId] });
    },
    onError: (err) => setMessage({ tone: "error", text: err instanceof Error ? err.message : "Failed" }),
  });
  const items = list.data?.items ?? [];
  const offered = addableProviders(providers, items);
  const minute = (iso: string | null) => <When value={iso} fallback="—" />;
  return (
    <div className="space-y-4">
      {canManage ? (
        <div className="flex items-end gap-3">
          <label className="text-sm font-medium text-slate-700">
            Provider
            <select
              value={providerId}
              onChange={(e) => setProviderId(e.target.value)}
              className="mt-1 block w-64 rounded-md border border-slate-300 px-2 py-2 text-sm"
            >
              <option value="">
                {list.isLoading || offered.length ? "Choose a provider…" : "Every provider is already assigned"}
              </option>
              {offered.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <Button
            type="button"
            disabled={!providerId || act.isPending}
            onClick={() =>
              act.mutate({
                url: base,
                method: "POST",
                body: { providerId },
                done: "Invitation sent: the user received the verification link by email.",
              })
            }
          >
            Add provider
          </Button>
        </div>
      ) : null}
      {message ? (
        <p role="status" className={`text-sm ${message.tone === "ok" ? "text-emerald-800" : "text-red-700"}`}>
          {message.text}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{list.isLoading ? "Loading…" : "No OAuth assignments yet."}</p>
      ) : (
        <table className="min-w-full text-sm" aria-label="OAuth assignments">
          <thead className="text-left text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-2 pr-3">Provider</th>
              <th className="py-2 pr-3">State</th>
              <th className="py-2 pr-3">Identity</th>
              <th className="py-2 pr-3">Since</th>
              <th className="py-2 pr-3">Link expires</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="py-2 pr-3">{a.providerName}</td>
                <td className="py-2 pr-3">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_STYLE[a.state]}`}>{a.state}</span>
                </td>
                <td className="py-2 pr-3 font-mono text-xs">{a.subject ?? "—"}</td>
                <td className="py-2 pr-3 text-xs text-slate-600">
                  {minute(a.state === "bound" ? a.boundAt : a.state === "invalidated" ? a.invalidatedAt : a.lastSentAt)}
                </td>
                <td className="py-2 pr-3 text-xs text-slate-600">
                  {a.state === "invited" || a.state === "expired" ? minute(a.linkExpiresAt) : "—"}
                </td>
                <td className="space-x-3 py-2 text-right">
                  {canManage && (a.state === "invited" || a.state === "expired") ? (
                    <button
                      type="button"
                      className="text-xs font-medium text-brand-700 uppercase hover:underline"
                      onClick={() =>
                        act.mutate({
                          url: `${base}/${a.id}/resend`,
                          method: "POST",
                          done: "A new link was sent; the previous one no longer works.",
                        })
                      }
                    >
                      Resend
                    </button>
                  ) : null}
                  {canManage && a.state !== "invalidated" ? (
                    <button
                      type="button"
                      className="text-xs font-medium text-red-700 uppercase hover:underline"
                      onClick={() =>
                        window.confirm(`Remove ${a.providerName} from this user? Their sign-ins through it end now.`) &&
                        act.mutate({
                          url: `${base}/${a.id}`,
                          method: "DELETE",
                          done: "Assignment removed; the user was notified.",
                        })
                      }
                    >
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
