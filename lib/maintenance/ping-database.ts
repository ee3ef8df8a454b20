import { sql } from "drizzle-orm";
import { getDbHandle } from "@/lib/database";
import type { DbHandle, DbKind } from "@/db/client";

/** The app's database answers a query (GET /api/health): which kind it is; throws when it cannot be reached. */
export async function pingDatabase(handle?: Pick<DbHandle, "db" | "kind">): Promise<DbKind> {
  const { db, kind } = handle ?? (await getDbHandle());
  await db.execute(sql`select 1`);
  return kind;
}
