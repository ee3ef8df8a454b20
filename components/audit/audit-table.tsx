import { TableFrame, TableHead } from "@/components/ui/table-frame";
import { shownActor } from "@/lib/audit/actor-label";
import type { AuditEventRow } from "@/lib/audit/list-events";
import { When } from "@/components/ui/when";

/** The audit trail table of the seed: Date & Time, Action, Description, Signer, IP Address, Geolocation. */
export function AuditTable({ rows, actorHeading = "Signer" }: { rows: AuditEventRow[]; actorHeading?: string }) {
  return (
    <TableFrame label="Audit trail table" shadow={false}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <TableHead columns={["Date & Time", "Action", "Description", actorHeading, "IP Address", "Geolocation"]} />
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((r) => (
            <tr key={r.id} data-seq={r.seq}>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-slate-600">
                <When value={r.at} seconds zone />
              </td>
              <td className="px-3 py-2 font-medium whitespace-nowrap">{r.action}</td>
              <td className="max-w-xl px-3 py-2 break-words text-slate-700">{r.description}</td>
              <td className="px-3 py-2 whitespace-nowrap">{shownActor(r)}</td>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{r.ip ?? ""}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-500">{r.geolocation ?? "N/A"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
