import Link from "next/link";
import { StatusBadge } from "./status-badge";
import { When } from "@/components/ui/when";
import { TableFrame } from "@/components/ui/table-frame";

export type EnvelopeTableRow = {
  id: string;
  name: string;
  status: string;
  signed: number;
  recipients: number;
  at: Date | null;
};

// Until the one date formatter lands (issue 16), the form the envelope pages use.
const when = (d: Date | string | null) => <When value={d} />;

/** Envelopes, each linking to its page, with its state, how many signed, and a date (`dateHeading` says which). */
export function EnvelopeTable({
  items,
  label,
  dateHeading,
}: {
  items: EnvelopeTableRow[];
  label?: string;
  dateHeading: string;
}) {
  return (
    <TableFrame label={`${label ?? "Envelopes"} table`} shadow={false}>
      <table aria-label={label} className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs text-slate-600 uppercase">
          <tr>
            <th className="px-3 py-2">Name</th>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">Signed</th>
            <th className="px-3 py-2">{dateHeading}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} className="border-t border-slate-100">
              <td className="px-3 py-2 [overflow-wrap:anywhere]">
                <Link className="font-medium text-brand-700 underline" href={`/documents/${e.id}`}>
                  {e.name}
                </Link>
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={e.status} />
              </td>
              <td className="px-3 py-2">
                {e.signed} / {e.recipients}
              </td>
              <td className="px-3 py-2 text-slate-600">{when(e.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
