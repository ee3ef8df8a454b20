// GET /api/v6/audit-trail/security-log: the organisation's security events, filtered and keyset-paged;
// ?format=csv streams every matching event
import { csvHeader, csvLine, toCsvLine, toEventJson } from "@/lib/audit/export";
import { listSecurityLog } from "@/lib/audit/list-events";
import { ZSecurityLogQuery } from "@/lib/audit/schema";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "user", permission: "view_audit" }, async ({ ctx, request }) => {
  const params = new URL(request.url).searchParams;
  const query = ZSecurityLogQuery.parse(Object.fromEntries([...params].filter(([k, v]) => k !== "format" && v !== "")));
  if (params.get("format") !== "csv") {
    const page = await listSecurityLog(ctx.db, query);
    return { items: page.items.map(toEventJson), nextBefore: page.nextBefore };
  }
  let before = query.before;
  let started = false;
  const stream = new ReadableStream<string>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(csvLine(csvHeader("Actor")));
      }
      const page = await listSecurityLog(ctx.db, { ...query, before, limit: 500 });
      for (const row of page.items) controller.enqueue(toCsvLine(row));
      if (page.nextBefore === null) controller.close();
      before = page.nextBefore ?? undefined;
    },
  });
  return new Response(stream.pipeThrough(new TextEncoderStream()), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="security-log.csv"',
    },
  });
});
