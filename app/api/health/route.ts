// GET /api/health: liveness and database reachability, for load balancers and the launcher
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: handle.kind });
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
