import { and, asc, eq, inArray } from "drizzle-orm";
import {
  auditEvents,
  auditStreams,
  envelopeDocuments,
  envelopes,
  files,
  recipients,
  signatureFields,
  type StampConfig,
  type SignatureType,
} from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { envelopeStream } from "@/lib/audit/events";
import { providerNames } from "@/lib/identity-providers/provider-names";
import { fullName } from "@/lib/envelopes/mail";
import { formatTimestamp } from "@/lib/format/date";

// Everything a sealed document states, read in the sealing transaction: the envelope, each
// original document, the recipients with how they authenticated, each signature, every
// authentication event of the envelope's trail, and the trail's head at that moment.

export type SealRecipient = {
  id: string;
  orderIndex: number;
  role: "signer" | "cc";
  name: string;
  email: string;
  phone: string | null;
  certificate: Record<string, string>;
  signedAt: Date | null;
  /** "Authenticated at <provider> as <email or subject>, <time>", the code method, or null when none was required. */
  authentication: string | null;
};
export type SealField = {
  id: string;
  recipientId: string;
  docRef: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  stampConfig: StampConfig | null;
  signatureType: SignatureType | null;
  image: Buffer | null;
  typedText: string | null;
  signedAt: Date | null;
  signedIp: string | null;
};
export type SealAuthEvent = {
  at: Date;
  who: string;
  outcome: "succeeded" | "failed";
  method: string;
  provider: string | null;
  subject: string | null;
  ip: string | null;
  reason: string | null;
};
export type SealEvidence = {
  envelope: {
    id: string;
    name: string;
    senderName: string;
    senderEmail: string;
    sentAt: Date | null;
    completedAt: Date | null;
  };
  documents: { docRef: number; name: string; sha256: string; content: Buffer }[];
  recipients: SealRecipient[];
  fields: SealField[];
  authEvents: SealAuthEvent[];
  auditHead: { stream: string; seq: number; hash: string } | null;
};

export const utc = (d: Date) => formatTimestamp(d);

const METHOD_NAMES: Record<string, string> = { oauth: "identity provider", accessCode: "access code", sms: "SMS code" };

/** The evidence of one envelope, or null when it does not exist. */
export async function loadSealEvidence(db: Db | Tx, envelopeId: string): Promise<SealEvidence | null> {
  const [e] = await db.select().from(envelopes).where(eq(envelopes.id, envelopeId));
  if (!e) return null;
  const stream = envelopeStream(envelopeId);
  const [docs, rows, fieldRows, trail, head] = await Promise.all([
    db
      .select({ docRef: envelopeDocuments.docRef, name: files.name, sha256: files.sha256, content: files.content })
      .from(envelopeDocuments)
      .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
      .where(eq(envelopeDocuments.envelopeId, envelopeId))
      .orderBy(asc(envelopeDocuments.docRef)),
    db.select().from(recipients).where(eq(recipients.envelopeId, envelopeId)).orderBy(asc(recipients.orderIndex)),
    db.select().from(signatureFields).where(eq(signatureFields.envelopeId, envelopeId)),
    db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.stream, stream),
          inArray(auditEvents.action, ["AuthenticationSuccess", "AuthenticationFailed", "CodeAuthenticationSuccess"]),
        ),
      )
      .orderBy(asc(auditEvents.seq)),
    db.select().from(auditStreams).where(eq(auditStreams.stream, stream)),
  ]);
  const names = await providerNames(
    db,
    rows.flatMap((r) => (r.authProviderId ? [r.authProviderId] : [])),
  );
  const authEvents: SealAuthEvent[] = trail.map((a) => {
    const d = a.data as Record<string, unknown>;
    const str = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : null);
    const method =
      a.action === "CodeAuthenticationSuccess"
        ? str("method")!
        : a.action === "AuthenticationSuccess"
          ? "oauth"
          : (str("method") ?? "oauth");
    const claims = (d.claims ?? {}) as Record<string, unknown>;
    return {
      at: a.at,
      who: a.actorLabel,
      outcome: a.action === "AuthenticationFailed" ? "failed" : "succeeded",
      method: METHOD_NAMES[method] ?? method,
      provider: str("providerName"),
      subject:
        a.action === "AuthenticationSuccess"
          ? [str("subject"), typeof claims.email === "string" ? claims.email : null].filter(Boolean).join(" / ")
          : str("presented"),
      ip: a.ip,
      reason: a.action === "AuthenticationFailed" ? `${str("step") ?? ""}: ${str("reason") ?? ""}` : null,
    };
  });
  /** The email the provider presented at the recipient's successful sign-in (claims.email), else null. */
  const presentedEmail = (providerName: string | null, subject: string | null) => {
    const hit = trail
      .filter((a) => a.action === "AuthenticationSuccess")
      .reverse()
      .find(
        (a) =>
          (a.data as { subject?: string }).subject === subject &&
          (a.data as { providerName?: string }).providerName === providerName,
      );
    const email = (hit?.data as { claims?: { email?: unknown } } | undefined)?.claims?.email;
    return typeof email === "string" ? email : null;
  };
  return {
    envelope: {
      id: e.id,
      name: e.name,
      senderName: e.senderName,
      senderEmail: e.senderEmail,
      sentAt: e.sentAt,
      completedAt: e.completedAt,
    },
    documents: docs,
    recipients: rows.map((r) => {
      let authentication: string | null = null;
      if (r.authenticatedAt && r.authMethod === "oauth") {
        const provider = r.authProviderId ? (names.get(r.authProviderId) ?? "a deleted provider") : "a provider";
        const as = presentedEmail(provider, r.authSubject) ?? r.authSubject ?? "?";
        authentication = `Authenticated at ${provider} as ${as}, ${utc(r.authenticatedAt)}`;
      } else if (r.authenticatedAt && r.authMethod === "accessCode")
        authentication = `Authenticated with an access code, ${utc(r.authenticatedAt)}`;
      else if (r.authenticatedAt && r.authMethod === "sms")
        authentication = `Authenticated with an SMS code, ${utc(r.authenticatedAt)}`;
      return {
        id: r.id,
        orderIndex: r.orderIndex,
        role: r.role,
        name: fullName(r),
        email: r.email,
        phone: r.phone,
        certificate: r.certificate,
        signedAt: r.signedAt,
        authentication,
      };
    }),
    fields: fieldRows.map((f) => ({
      id: f.id,
      recipientId: f.recipientId,
      docRef: f.docRef,
      page: f.page,
      x: f.x,
      y: f.y,
      width: f.width,
      height: f.height,
      label: f.label,
      stampConfig: f.stampConfig,
      signatureType: f.signatureType,
      image: f.signatureImage,
      typedText: f.typedText,
      signedAt: f.signedAt,
      signedIp: f.signedIp,
    })),
    authEvents,
    auditHead: head[0] ? { stream, seq: head[0].lastSeq, hash: head[0].lastHash } : null,
  };
}
