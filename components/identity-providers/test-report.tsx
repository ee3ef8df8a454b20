import { CheckCircle2, XCircle } from "lucide-react";
import type { ReportStep } from "@/lib/oauth/types";

const STEP_NAMES: Record<ReportStep["step"], string> = {
  authorization: "1. Authorization",
  callback: "Callback",
  token: "2. Token call",
  id_token: "3. ID token",
  jwks: "3. JWKS",
  resource: "4. Resource URI",
  subject: "5. Subject",
  mapping: "6. Mappings",
};

type Check = { check: string; ok: boolean; detail: string };

function Details({ details }: { details: Record<string, unknown> }) {
  const { checks, ...rest } = details as { checks?: Check[] };
  return (
    <div className="mt-2 space-y-2">
      {checks?.length ? (
        <ul className="space-y-1 text-sm">
          {checks.map((c) => (
            <li key={c.check} className={c.ok ? "text-emerald-800" : "font-medium text-red-800"}>
              {c.ok ? "✓" : "✗"} {c.check}: {c.detail}
            </li>
          ))}
        </ul>
      ) : null}
      {Object.keys(rest).length ? (
        <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs text-slate-800">
          {JSON.stringify(rest, null, 2)}
        </pre>
      ) : null}
    </div>
  );
}

/** Test connection: every step of the real flow, green or red, with what was sent and received (never a token). */
export function TestReport({
  ok,
  report,
  error,
}: {
  ok: boolean;
  report: ReportStep[];
  error: { step: string; reason: string; hint: string | null } | null;
}) {
  return (
    <div className="space-y-4">
      <p
        role="status"
        className={`rounded-md border px-4 py-3 text-sm font-medium ${ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-300 bg-red-50 text-red-900"}`}
      >
        {ok ? "Connection works: every step succeeded." : `Failed at step '${error?.step}': ${error?.reason}`}
        {!ok && error?.hint ? <span className="mt-1 block font-normal">Likely fix: {error.hint}</span> : null}
      </p>
      <ol className="space-y-3">
        {report.map((s, i) => (
          <li key={i} className="rounded-lg border border-slate-200 bg-white p-4" data-ok={s.ok}>
            <h3 className="flex items-center gap-2 text-sm font-semibold">
              {s.ok ? (
                <CheckCircle2 aria-label="passed" className="h-4 w-4 text-emerald-600" />
              ) : (
                <XCircle aria-label="failed" className="h-4 w-4 text-red-600" />
              )}
              <span>{STEP_NAMES[s.step]}</span>
              <span className="font-normal text-slate-600">{s.title}</span>
            </h3>
            <Details details={s.details} />
          </li>
        ))}
      </ol>
    </div>
  );
}
