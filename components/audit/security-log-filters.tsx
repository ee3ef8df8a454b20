import { AUDIT_ACTIONS } from "@/lib/audit/events";

const ORG_ACTIONS = AUDIT_ACTIONS.filter((a) =>
  /^(Provider|Assignment|Login|Logout|Backchannel|User|Role|Session|Privilege)/.test(a),
);
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function SecurityLogFilters({ values }: { values: Record<string, string | string[] | undefined> }) {
  return (
    <form
      method="get"
      className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6"
    >
      <label className="text-xs font-medium text-slate-600">
        From (UTC)
        <input type="datetime-local" name="from" defaultValue={str(values.from)} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        To (UTC)
        <input type="datetime-local" name="to" defaultValue={str(values.to)} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Action
        <select name="action" defaultValue={str(values.action)} className={input}>
          <option value="">Any</option>
          {ORG_ACTIONS.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Actor
        <input name="actor" placeholder="email" defaultValue={str(values.actor)} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Provider id
        <input name="provider" defaultValue={str(values.provider)} className={input} />
      </label>
      <div className="flex items-end">
        <button
          type="submit"
          className="w-full rounded-md bg-brand-600 px-3 py-2 text-xs font-medium text-white uppercase"
        >
          Filter
        </button>
      </div>
    </form>
  );
}
