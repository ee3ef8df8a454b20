import type { Db, Tx } from "@/db/client";

export type Actor = { kind: "user"; userId: string; email: string } | { kind: "system" } | { kind: "anonymous" };

/** What every domain operation receives: the database (or the caller's transaction), who acts, and from where. */
export type Ctx = {
  db: Db | Tx;
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
};

export const systemCtx = (db: Db | Tx): Ctx => ({ db, actor: { kind: "system" }, ip: null, userAgent: null });
