// GET /api/v6/audit-trail/security-log: the organisation's security events, filtered and keyset-paged;
// ?format=csv or ?format=json downloads every matching event as a file
import { csvHeader, csvLine, toCsvLine, toEventJson } from "@/lib/audit/export";
import { listSecurityLog } from "@/lib/audit/list-events";
import { ZSecurityLogQuery } from "@/lib/audit/schema";
import { route } from "@/lib/http/route";

const FILES = {
  csv: { type: "text/csv; charset=utf-8", name: "security-log.csv" },
  json: { type: "application/json; charset=utf-8", name: "security-log.json" },
} as const;

export const GET = route({ auth: "user", permission: "view_audit" }, async ({ ctx, request }) => {
  const params = new URL(request.url).searchParams;
  const query = ZSecurityLogQuery.parse(Object.fromEntries([...params].filter(([k, v]) => k !== "format" && v !== "")));
  const format = params.get("format");
  if (format !== "csv" && format !== "json") {
    const page = await listSecurityLog(ctx.db, query);
    return { items: page.items.map(toEventJson), nextBefore: page.nextBefore };
  }
  let before = query.before;
  let started = false;
  let count = 0;
  const stream = new ReadableStream<string>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(format === "csv" ? csvLine(csvHeader("Actor")) : '{"items":[');
      }
      const page = await listSecurityLog(ctx.db, { ...query, before, limit: 500 });
      for (const row of page.items)
        controller.enqueue(
          format === "csv" ? toCsvLine(row) : `${count++ ? "," : ""}\n${JSON.stringify(toEventJson(row))}`,
        );
      if (page.nextBefore === null) {
        if (format === "json") controller.enqueue("\n]}\n");
        controller.close();
      }
      before = page.nextBefore ?? undefined;
    },
  });
  return new Response(stream.pipeThrough(new TextEncoderStream()), {
    headers: {
      "content-type": FILES[format].type,
      "content-disposition": `attachment; filename="${FILES[format].name}"`,
    },
  });
});
