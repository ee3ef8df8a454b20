import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { AppError, formatPath } from "@/lib/errors";
import { ZCreateApiTokenInput, type TCreateApiTokenInput } from "./schema";
import { formatDate } from "@/lib/format/date";

const PREFIX = "sat_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new token for the acting user; the plaintext is returned once and never stored. It expires
 * after `expiresInDays` (default 90, at most 365); a read-only one may only read. A bare name
 * means the defaults.
 */
export async function createApiToken(
  ctx: Ctx,
  input: TCreateApiTokenInput | string,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  if (ctx.actor.kind !== "user") throw new AppError("unauthorized", "Sign in first");
  const parsed = ZCreateApiTokenInput.safeParse(typeof input === "string" ? { name: input } : input);
  if (!parsed.success)
    throw new AppError(
      "validation_failed",
      "The token is not valid",
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  const { name, expiresInDays, readOnly } = parsed.data;
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.userId,
        name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        readOnly,
        expiresAt: sql`now() + make_interval(days => ${expiresInDays})`,
      })
      .returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt });
    const what = `created '${name}'${readOnly ? " (read-only)" : ""}, expires ${formatDate(row!.expiresAt)}`;
    await emitAudit(tx, ctx, {
      action: "UserChanged",
      data: { userId: actor.userId, email: actor.email, changes: [{ field: "apiToken", from: null, to: what }] },
    });
    return { id: row!.id, token, expiresAt: row!.expiresAt };
  });
}

export async function listApiTokens(db: Db | Tx, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      expired: sql<boolean>`${apiTokens.expiresAt} <= now()`,
      readOnly: apiTokens.readOnly,
      revokedAt: apiTokens.revokedAt,
    })
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
    await emitAudit(tx, ctx, {
      action: "UserChanged",
      data: {
        userId: actor.userId,
        email: actor.email,
        changes: [{ field: "apiToken", from: `'${rows[0]!.name}'`, to: "revoked" }],
      },
    });
  });
}

export type ApiTokenHolder = {
  user: { id: string; email: string; name: string };
  token: { id: string; name: string; readOnly: boolean };
};

/**
 * The enabled user behind a live token, and what the token may do. An unknown, revoked or
 * disabled user's token is "not valid"; an expired one says so (401 either way).
 */
export async function findApiTokenUser(db: Db | Tx, token: string): Promise<ApiTokenHolder> {
  if (!token.startsWith(PREFIX) || token.length > 200) throw new AppError("unauthorized", "The API token is not valid");
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      tokenName: apiTokens.name,
      readOnly: apiTokens.readOnly,
      expired: sql<boolean>`${apiTokens.expiresAt} <= now()`,
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), eq(users.enabled, true)));
  if (!row) throw new AppError("unauthorized", "The API token is not valid");
  if (row.expired) throw new AppError("unauthorized", "The API token has expired");
  // At most one write a minute per token, however many requests: the condition is in the update itself.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return {
    user: { id: row.id, email: row.email, name: `${row.firstName} ${row.lastName}`.trim() },
    token: { id: row.tokenId, name: row.tokenName, readOnly: row.readOnly },
  };
}
