import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { envelopeStream } from "./events";
import { toEventJson, type AuditEventJson } from "./export";
import { readAuditStream } from "./list-events";
import { verifyAuditStream, type StreamVerification } from "./verify-stream";

export type EnvelopeTrail = {
  envelopeId: string;
  chainValid: boolean;
  verification: StreamVerification;
  events: AuditEventJson[];
};

const ZEnvelopeId = z.string().uuid();

/** An envelope's whole trail with its verification; 404 when the envelope has no trail. */
export async function getEnvelopeTrail(db: Db | Tx, envelopeId: string) {
  if (!ZEnvelopeId.safeParse(envelopeId).success) throw new AppError("not_found", "No envelope with this id");
  const stream = envelopeStream(envelopeId);
  const [rows, verification] = await Promise.all([readAuditStream(db, stream), verifyAuditStream(db, stream)]);
  if (rows.length === 0) throw new AppError("not_found", "No envelope with this id");
  return { rows, verification, json: { envelopeId, chainValid: verification.valid, events: rows.map(toEventJson) } };
}
