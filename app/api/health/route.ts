// GET /api/health: liveness and database reachability, for load balancers and the launcher
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(
  { auth: "public", onError: () => Response.json({ status: "error", database: "unreachable" }, { status: 503 }) },
  async () => {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return { status: "ok", database: handle.kind };
  },
);
