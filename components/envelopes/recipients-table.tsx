import type { ReactNode } from "react";
import type { EnvelopeJson, RecipientJson } from "@/lib/envelopes/get-envelope";
import { When } from "@/components/ui/when";
import { TableFrame } from "@/components/ui/table-frame";

const AUTH_LABELS = {
  NotRequired: "Not required",
  Required: "Required, not yet authenticated",
  Authenticated: "Authenticated",
  Failed: "Failed, may retry",
} as const;

/** The envelope's recipients in order, with their data (as the Update mappings left it) and authentication state. */
export function RecipientsTable({
  envelope,
  actions,
}: {
  envelope: EnvelopeJson;
  actions?: (r: RecipientJson) => ReactNode;
}) {
  return (
    <TableFrame label="Recipients table" shadow={false}>
      <table aria-label="Recipients" className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs text-slate-600 uppercase">
          <tr>
            {[
              "Order",
              "Name",
              "Email",
              "Mobile phone",
              "Role",
              "Status",
              "Authentication",
              "Signed at",
              ...(actions ? ["Actions"] : []),
            ].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {envelope.Steps.flatMap((s) =>
            s.Recipients.map((r) => (
              <tr key={r.RecipientId} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">{s.OrderIndex}</td>
                <td className="px-3 py-2">{`${r.FirstName} ${r.LastName}`.trim()}</td>
                <td className="px-3 py-2">{r.Email}</td>
                <td className="px-3 py-2">{r.Phone ?? ""}</td>
                <td className="px-3 py-2">{s.RecipientType}</td>
                <td className="px-3 py-2">{r.Status}</td>
                <td className="px-3 py-2">
                  {AUTH_LABELS[r.AuthenticationState]}
                  {r.Locked ? <span className="ml-1 font-medium text-red-700">(locked)</span> : null}
                  {r.AuthenticatedWith ? ` (${r.AuthenticatedWith})` : ""}
                  {r.AuthenticationMethods.length ? (
                    <div className="text-xs text-slate-500">
                      Allowed:{" "}
                      {r.AuthenticationMethods.map((m) =>
                        m.Method === "CustomOAuthProvider" ? m.Parameter : m.Method,
                      ).join(", ")}
                    </div>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-slate-600">
                  <When value={r.SignedAt} seconds zone />
                </td>
                {actions ? <td className="px-3 py-2">{actions(r)}</td> : null}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </TableFrame>
  );
}
