import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";

const PREFIX = "sat_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new token for the acting user; the plaintext is returned once and never stored. */
export async function createApiToken(ctx: Ctx, name: string): Promise<{ id: string; token: string }> {
  if (ctx.actor.kind !== "user") throw new AppError("unauthorized", "Sign in first");
  const clean = name.trim().slice(0, 100);
  if (!clean) throw new AppError("validation_failed", "Name the token", [{ path: "$.name", message: "Name the token" }]);
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const actor = ctx.actor;
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(apiTokens).values({ userId: actor.userId, name: clean, tokenHash: hashToken(token), prefix: token.slice(0, 10) }).returning({ id: apiTokens.id });
    await emitAudit(tx, ctx, { action: "UserChanged", data: { userId: actor.userId, email: actor.email, changes: [{ field: "apiToken", from: null, to: `created '${clean}'` }] } });
    return row!.id;
  });
  return { id, token };
}

export async function listApiTokens(db: Db | Tx, userId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  if (ctx.actor.kind !== "user") throw new AppError("unauthorized", "Sign in first");
  const actor = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ name: apiTokens.name });
    if (rows.length === 0) throw new AppError("not_found", "No such active token");
    await emitAudit(tx, ctx, { action: "UserChanged", data: { userId: actor.userId, email: actor.email, changes: [{ field: "apiToken", from: `'${rows[0]!.name}'`, to: "revoked" }] } });
  });
}

/** The enabled user behind a live token, or null. */
export async function findApiTokenUser(db: Db | Tx, token: string): Promise<{ id: string; email: string; name: string } | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), eq(users.enabled, true)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.tokenId));
  }
  return { id: row.id, email: row.email, name: `${row.firstName} ${row.lastName}`.trim() };
}
