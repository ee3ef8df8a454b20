import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { SecurityLogFilters } from "@/components/audit/security-log-filters";
import { VerifyResult } from "@/components/audit/verify-result";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { ORG_STREAM } from "@/lib/audit/events";
import { listSecurityLog } from "@/lib/audit/list-events";
import { parseSecurityLogQuery } from "@/lib/audit/schema";
import { verifyAuditStream } from "@/lib/audit/verify-stream";
import { canOpenPage } from "@/lib/auth/page-permission";
import { hrefWith } from "@/lib/http/href-with";
import { pageCtx } from "@/lib/http/page-ctx";

type Params = Record<string, string | string[] | undefined>;

/** The filters in the URL (the form's fields, and the page), without the one-off verify flag. */
const filtersOf = (params: Params) =>
  Object.fromEntries(Object.entries(params).filter(([k, v]) => typeof v === "string" && k !== "verify")) as Record<
    string,
    string
  >;

export default async function SecurityLogPage({ searchParams }: { searchParams: Promise<Params> }) {
  if (!(await canOpenPage("/settings/audit"))) return <Forbidden />;
  const params = await searchParams;
  const parsed = parseSecurityLogQuery(params);
  const { db } = await pageCtx();
  const verification = params.verify ? await verifyAuditStream(db, ORG_STREAM) : null;
  const page = parsed.success ? await listSecurityLog(db, parsed.data) : null;
  const current = filtersOf(params);
  const filters = { ...current, before: undefined };
  return (
    <>
      <PageHeader title="Security log">
        <Link
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase"
          href={hrefWith("/settings/audit", { ...current, verify: 1 })}
        >
          Verify integrity
        </Link>
        <a
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase"
          href={hrefWith("/api/v6/audit-trail/security-log", { ...filters, format: "csv" })}
        >
          Export CSV
        </a>
        <a
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase"
          href={hrefWith("/api/v6/audit-trail/security-log", { ...filters, format: "json" })}
          download="security-log.json"
        >
          Export JSON
        </a>
      </PageHeader>
      <p className="mb-4 text-sm text-slate-500">
        The organisation&apos;s security events: provider changes, assignments, sign-ins, role and user changes. Every
        event is hash-chained to the one before it; the database refuses to change or delete them. Each envelope&apos;s
        own trail is on its page.
      </p>
      {verification ? <VerifyResult result={verification} /> : null}
      <SecurityLogFilters values={params} />
      {!parsed.success ? (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </p>
      ) : page && page.items.length > 0 ? (
        <>
          <AuditTable rows={page.items} actorHeading="Actor" />
          <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
            {params.before ? <Link href={hrefWith("/settings/audit", filters)}>← Newest</Link> : <span />}
            {page.nextBefore ? (
              <Link href={hrefWith("/settings/audit", { ...current, before: page.nextBefore })}>Older events →</Link>
            ) : null}
          </nav>
        </>
      ) : (
        <EmptyState title="No events">No security event matches these filters.</EmptyState>
      )}
    </>
  );
}
