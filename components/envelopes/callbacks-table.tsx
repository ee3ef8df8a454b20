import type { CallbackDeliveryView } from "@/lib/callbacks/list-deliveries";
import { When } from "@/components/ui/when";
import { TableHead } from "@/components/ui/table-frame";

const when = (d: Date | null) => <When value={d} seconds />;

/** The envelope's status callbacks: each call (status, URL, state) and every attempt with the receiver's answer. */
export function CallbacksTable({ deliveries }: { deliveries: CallbackDeliveryView[] }) {
  return (
    <section aria-label="Callbacks" className="mb-8">
      <h2 className="mb-2 text-lg font-semibold text-slate-900">Callbacks</h2>
      <table className="min-w-full divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
        <TableHead columns={["Status", "URL", "Delivery", "Attempts"]} />
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className="px-3 py-2 font-mono text-xs">{d.event}</td>
              <td className="px-3 py-2 font-mono text-xs break-all">{d.url}</td>
              <td className="px-3 py-2">
                {d.status}
                {d.deliveredAt ? (
                  <> {when(d.deliveredAt)}</>
                ) : d.nextAttemptAt ? (
                  <> (next {when(d.nextAttemptAt)})</>
                ) : null}
              </td>
              <td className="px-3 py-2 text-xs">
                <ol className="space-y-0.5">
                  {d.attempts.map((a) => (
                    <li key={a.attempt}>
                      #{a.attempt} {when(a.at)}: {a.httpStatus ? `HTTP ${a.httpStatus}` : ""}
                      {a.error && !a.httpStatus ? a.error : ""} ({a.durationMs} ms)
                    </li>
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
