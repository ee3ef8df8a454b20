// Next adapter: a server-rendered page's ctx, as route() and action() build theirs, so pages reach
// the database only through lib/: the process's database, who acts, and the request's ip and user agent.
import { headers } from "next/headers";
import { getDb } from "@/lib/database";
import { requestMeta } from "@/lib/auth/request-meta";
import type { Ctx } from "@/lib/context";

/** The signed-in user the page acts for (from requireUserPage), or none: an anonymous visitor (signer, invitee). */
export async function pageCtx(user?: { id: string; email: string }): Promise<Ctx> {
  const [db, head] = await Promise.all([getDb(), headers()]);
  return {
    db,
    actor: user ? { kind: "user", userId: user.id, email: user.email } : { kind: "anonymous" },
    ...requestMeta(head),
  };
}
