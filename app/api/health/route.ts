// GET /api/health: liveness and database reachability, for load balancers and the launcher
import { route } from "@/lib/http/route";
import { pingDatabase } from "@/lib/maintenance/ping-database";

export const dynamic = "force-dynamic";

export const GET = route(
  { auth: "public", onError: () => Response.json({ status: "error", database: "unreachable" }, { status: 503 }) },
  async () => ({ status: "ok", database: await pingDatabase() }),
);
