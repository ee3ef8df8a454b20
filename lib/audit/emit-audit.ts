import { PgTransaction } from "drizzle-orm/pg-core";
import { auditEvents, auditEventSignatures } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { actorLabelFor } from "./actor-label";
import { describeEvent } from "./describe";
import { escapeUnsafeDeep, escapeUnsafeText } from "./escape-text";
import { streamOf, ZAuditEvent, type TAuditEvent } from "./events";
import { auditKeyring, signAuditPoint, type AuditKeyring } from "./signing-key";

export type EmittedAudit = { id: number; stream: string; seq: number; hash: string };
export type AuditInput = TAuditEvent & { actorLabel?: string };
type AuditCtx = Pick<Ctx, "actor" | "ip">;

// Validated as given, then every string escaped (escape-text.ts): the one place where text from
// outside enters the trail, so the description, the label and the data are all covered.
function toRow(ctx: AuditCtx, input: AuditInput) {
  const event = escapeUnsafeDeep(ZAuditEvent.parse(input));
  return {
    stream: streamOf(event),
    action: event.action,
    description: escapeUnsafeText(describeEvent(event)).slice(0, 10_000),
    actorUserId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    actorLabel: escapeUnsafeText(actorLabelFor(event.action, ctx.actor, input.actorLabel)),
    ip: ctx.ip === null ? null : escapeUnsafeText(ctx.ip),
    geolocation: null,
    envelopeId: "envelopeId" in event ? event.envelopeId : null,
    providerId:
      ("providerId" in event ? event.providerId : undefined) ??
      (event.data as { providerId?: string }).providerId ??
      null,
    data: event.data as Record<string, unknown>,
  };
}

/**
 * Appends events in the caller's transaction, in order: the change and its rows commit or roll
 * back together. The database assigns seq, time and the chained hash (db/migrations/0002); the
 * app then signs each (stream, seq, hash) with a key the database does not hold and stores the
 * signatures in one more INSERT of the same transaction (a caller outside one gets one).
 */
export async function emitAuditBatch(
  tx: Db | Tx,
  ctx: AuditCtx,
  inputs: AuditInput[],
  keyring: AuditKeyring = auditKeyring(),
): Promise<EmittedAudit[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map((input) => toRow(ctx, input));
  const write = async (t: Db | Tx) => {
    const emitted = await t
      .insert(auditEvents)
      .values(rows)
      .returning({ id: auditEvents.id, stream: auditEvents.stream, seq: auditEvents.seq, hash: auditEvents.hash });
    const key = keyring.current;
    await t.insert(auditEventSignatures).values(
      emitted.map((e) => ({
        eventId: e.id,
        stream: e.stream,
        seq: e.seq,
        keyId: key.keyId,
        signature: signAuditPoint(key, e),
      })),
    );
    return emitted;
  };
  return tx instanceof PgTransaction ? write(tx) : tx.transaction(write);
}

export async function emitAudit(
  tx: Db | Tx,
  ctx: AuditCtx,
  input: AuditInput,
  keyring?: AuditKeyring,
): Promise<EmittedAudit> {
  const [row] = await emitAuditBatch(tx, ctx, [input], keyring);
  return row!;
}
