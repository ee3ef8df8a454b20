import { auditEvents } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { Actor, Ctx } from "@/lib/context";
import { describeEvent } from "./describe";
import { streamOf, ZAuditEvent, type TAuditEvent } from "./events";

export type EmittedAudit = { id: number; stream: string; seq: number; hash: string };

const actorLabel = (actor: Actor) => (actor.kind === "user" ? actor.email : actor.kind);

/**
 * Appends one event in the caller's transaction: the change and its row commit or roll back
 * together. The database assigns seq, time and the chained hash (db/migrations/0002).
 */
export async function emitAudit(tx: Db | Tx, ctx: Pick<Ctx, "actor" | "ip">, input: TAuditEvent & { actorLabel?: string }): Promise<EmittedAudit> {
  const event = ZAuditEvent.parse(input);
  const [row] = await tx
    .insert(auditEvents)
    .values({
      stream: streamOf(event),
      action: event.action,
      description: describeEvent(event).slice(0, 10_000),
      actorUserId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      actorLabel: input.actorLabel ?? actorLabel(ctx.actor),
      ip: ctx.ip,
      geolocation: null,
      envelopeId: "envelopeId" in event ? event.envelopeId : null,
      providerId: ("providerId" in event ? event.providerId : undefined) ?? (event.data as { providerId?: string }).providerId ?? null,
      data: event.data as Record<string, unknown>,
    })
    .returning({ id: auditEvents.id, stream: auditEvents.stream, seq: auditEvents.seq, hash: auditEvents.hash });
  return row!;
}
