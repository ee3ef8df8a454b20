import { eq } from "drizzle-orm";
import { users, type User } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { isUuid } from "./schema";
import { rolesOfUsers, toUserJson, type UserJson } from "./user-json";

export const userNotFound = () => new AppError("not_found", "No user with this id");

/** The row, or null (also for an id that is not a UUID, so a guessed id never reaches SQL as an error). */
export async function findUserRow(db: Db | Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<User | null> {
  if (!isUuid(id)) return null;
  const query = db.select().from(users).where(eq(users.id, id));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function getUser(ctx: Pick<Ctx, "db">, id: string): Promise<UserJson> {
  const row = await findUserRow(ctx.db, id);
  if (!row) throw userNotFound();
  const roleRefs = await rolesOfUsers(ctx.db, [row.id]);
  return toUserJson(row, roleRefs.get(row.id) ?? []);
}
