import { CheckCircle2, TriangleAlert, XCircle } from "lucide-react";
import {
  describeMappingOutcome,
  refusingOutcomes,
  type OutcomeFacts,
  type OutcomeTone,
} from "@/lib/oauth/describe-mapping-outcome";
import type { ReportStep } from "@/lib/oauth/types";

const STEP_NAMES: Record<ReportStep["step"], string> = {
  authorization: "Authorization",
  callback: "Callback",
  token: "Token call",
  id_token: "ID token",
  jwks: "JWKS",
  resource: "Resource URI",
  subject: "Subject",
  mapping: "Mappings",
};

type Check = { check: string; ok: boolean; detail: string };
type ReportedMapping = OutcomeFacts & { source: string; path: string };

const TONE_CLASS: Record<OutcomeTone, string> = {
  ok: "text-emerald-800",
  warn: "font-medium text-amber-900",
  info: "text-slate-600",
};

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
const mappingsOf = (steps: ReportStep[]) =>
  steps.flatMap((s) => (s.step === "mapping" ? ((s.details.outcomes as ReportedMapping[] | undefined) ?? []) : []));

function ValueTable({ label, values }: { label: string; values: Record<string, unknown> }) {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return null;
  return (
    <table className="min-w-full text-sm" aria-label={label}>
      <thead className="text-left text-xs text-slate-500 uppercase">
        <tr>
          <th className="w-1/3 py-1 pr-3">{label === "Claims" ? "Claim" : "Name"}</th>
          <th className="py-1">Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-t border-slate-100 align-top">
            <td className="py-1 pr-3 font-mono text-xs">{k}</td>
            <td className="py-1 font-mono text-xs break-all">{show(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MappingTable({ outcomes }: { outcomes: ReportedMapping[] }) {
  if (outcomes.length === 0) return <p className="text-sm text-slate-500">No field mappings are configured.</p>;
  return (
    <table className="min-w-full text-sm" aria-label="Mapping outcomes">
      <thead className="text-left text-xs text-slate-500 uppercase">
        <tr>
          <th className="py-1 pr-3">Source</th>
          <th className="py-1 pr-3">Path</th>
          <th className="py-1 pr-3">Mode</th>
          <th className="py-1 pr-3">Value</th>
          <th className="py-1">What it means</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((o, i) => {
          const meaning = describeMappingOutcome(o);
          return (
            <tr key={i} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-3">{o.source === "jwt" ? "ID token" : o.source}</td>
              <td className="py-1 pr-3 font-mono text-xs">{o.path}</td>
              <td className="py-1 pr-3">{o.mode === "validate" ? "Validate" : "Update"}</td>
              <td className="py-1 pr-3 font-mono text-xs break-all">{o.found ? show(o.value) : "not found"}</td>
              <td className={`py-1 ${TONE_CLASS[meaning.tone]}`}>{meaning.text}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A person's reading first (checks, claims, mapping outcomes), the raw JSON folded below. */
function Details({ step }: { step: ReportStep }) {
  const { checks, claims, outcomes, data, header, ...rest } = step.details as {
    checks?: Check[];
    claims?: Record<string, unknown>;
    outcomes?: ReportedMapping[];
    data?: unknown;
    header?: unknown;
  } & Record<string, unknown>;
  const facts = Object.fromEntries(Object.entries(rest).filter(([, v]) => isScalar(v) || Array.isArray(v)));
  const dataFacts =
    data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
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
      {step.step === "mapping" ? <MappingTable outcomes={outcomes ?? []} /> : null}
      {claims ? <ValueTable label="Claims" values={claims} /> : null}
      {dataFacts ? <ValueTable label="Answer" values={dataFacts} /> : null}
      {step.step !== "mapping" ? <ValueTable label="Details" values={facts} /> : null}
      {Object.keys(step.details).length ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Raw JSON</summary>
          <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs text-slate-800">
            {JSON.stringify({ header, claims, data, outcomes, checks, ...rest }, null, 2)}
          </pre>
        </details>
      ) : null}
    </div>
  );
}

function StepIcon({ ok, warn }: { ok: boolean; warn: boolean }) {
  if (!ok) return <XCircle aria-label="failed" className="h-4 w-4 text-red-600" />;
  if (warn) return <TriangleAlert aria-label="warning" className="h-4 w-4 text-amber-600" />;
  return <CheckCircle2 aria-label="passed" className="h-4 w-4 text-emerald-600" />;
}

function verdict(ok: boolean, refusing: ReportedMapping[], error: { step: string; reason: string } | null) {
  if (!ok) return { tone: "fail" as const, text: `Failed at step '${error?.step}': ${error?.reason}` };
  if (refusing.length === 0) return { tone: "ok" as const, text: "Connection works: every step succeeded." };
  const n = refusing.length;
  return {
    tone: "warn" as const,
    text: `Connection works, but ${n} ${n === 1 ? "mapping" : "mappings"} would refuse people: ${refusing
      .map((o) => `${o.path} (${describeMappingOutcome(o).text.replace(/^Would refuse people: /, "")})`)
      .join("; ")}.`,
  };
}

const VERDICT_CLASS = {
  ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warn: "border-amber-300 bg-amber-50 text-amber-900",
  fail: "border-red-300 bg-red-50 text-red-900",
};

/** Test connection: every step of the real flow, green, amber or red, with what was sent and received (never a token). */
export function TestReport({
  ok,
  report,
  error,
}: {
  ok: boolean;
  report: ReportStep[];
  error: { step: string; reason: string; hint: string | null } | null;
}) {
  const refusing = refusingOutcomes(mappingsOf(report));
  const v = verdict(ok, refusing, error);
  return (
    <div className="space-y-4">
      <p role="status" className={`rounded-md border px-4 py-3 text-sm font-medium ${VERDICT_CLASS[v.tone]}`}>
        {v.text}
        {!ok && error?.hint ? <span className="mt-1 block font-normal">Likely fix: {error.hint}</span> : null}
      </p>
      <ol className="space-y-3">
        {report.map((s, i) => (
          <li key={i} className="rounded-lg border border-slate-200 bg-white p-4" data-ok={s.ok}>
            <h3 className="flex items-center gap-2 text-sm font-semibold">
              <StepIcon ok={s.ok} warn={s.step === "mapping" && refusing.length > 0} />
              <span>{`${i + 1}. ${STEP_NAMES[s.step]}`}</span>
              <span className="font-normal text-slate-600">{s.title}</span>
            </h3>
            <Details step={s} />
          </li>
        ))}
      </ol>
    </div>
  );
}
