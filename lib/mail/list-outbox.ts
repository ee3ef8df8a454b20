import { desc } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

/** The newest mails, for Settings → Outbox (sent, waiting, failed, or kept locally without SMTP). */
export function listOutbox(db: Db | Tx, limit = 100) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
