import { eq } from "drizzle-orm";
import { providerNames } from "@/lib/identity-providers/provider-names";
import {
  envelopeDocuments,
  envelopes,
  files,
  recipients,
  signatureFields,
  type EnvelopeRow,
  type RecipientRow,
} from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { certificateJson, type DisposableCertificateJson } from "./disposable-certificate";
import { checkEnvelopeId, visibleTo, type EnvelopeViewer } from "./assert-envelope-visible";
import { MAX_ATTEMPTS } from "./code-authentication";
import { effectiveStatus } from "./expiry";
import { requiresAuthentication } from "./find-signing";

export type AuthenticationState = "NotRequired" | "Required" | "Authenticated" | "Failed";

export type RecipientJson = {
  RecipientId: string;
  Email: string;
  FirstName: string;
  LastName: string;
  Phone: string | null;
  LanguageCode: string;
  Status: RecipientRow["status"];
  AuthenticationState: AuthenticationState;
  AuthenticationMethod: string | null;
  AuthenticatedWith: string | null;
  /** Too many wrong codes: every further try is refused until the sender unlocks the recipient. */
  Locked: boolean;
  AuthenticationMethods: {
    Method: string;
    Parameter: string;
    Filters: { CompareOperation: string; FilterId: string; FilterValue: string }[];
  }[];
  /** Seed 001's disposable-certificate holder data, as sent and as Update mappings left it (every key, null when unset). */
  DisposableCertificate: DisposableCertificateJson;
  SignedAt: string | null;
};
export type EnvelopeJson = {
  EnvelopeId: string;
  Name: string;
  Status: EnvelopeRow["status"];
  EmailSubject: string;
  Sender: { Email: string; Name: string };
  CreatedAt: string;
  SentAt: string | null;
  ExpirationInSecondsAfterSending: number;
  ExpiresAt: string | null;
  CompletedAt: string | null;
  Documents: { DocRefNumber: number; FileId: string; Name: string; Pages: number }[];
  Steps: { OrderIndex: number; RecipientType: "Signer" | "Cc"; Recipients: RecipientJson[] }[];
  SignatureFields: {
    RecipientId: string;
    DocRefNumber: number;
    Page: number;
    X: number;
    Y: number;
    Width: number;
    Height: number;
    Signed: boolean;
  }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function authState(r: RecipientRow): AuthenticationState {
  if (!requiresAuthentication(r)) return "NotRequired";
  if (r.authenticatedAt) return "Authenticated";
  return r.lastAuthError ? "Failed" : "Required";
}

/** An envelope as GET /api/v6/envelope/<id> answers it (the seed's PascalCase); recipient data as the Update mappings left it. No hash or code. */
export async function getEnvelope(db: Db | Tx, id: string, viewer: EnvelopeViewer): Promise<EnvelopeJson> {
  checkEnvelopeId(id);
  const [row] = await db.select().from(envelopes).where(eq(envelopes.id, id));
  const e = visibleTo(row, viewer);
  const [rows, docs, fields] = await Promise.all([
    db.select().from(recipients).where(eq(recipients.envelopeId, id)).orderBy(recipients.orderIndex),
    db
      .select({ docRef: envelopeDocuments.docRef, fileId: files.id, name: files.name, pages: files.pages })
      .from(envelopeDocuments)
      .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
      .where(eq(envelopeDocuments.envelopeId, id))
      .orderBy(envelopeDocuments.docRef),
    db.select().from(signatureFields).where(eq(signatureFields.envelopeId, id)),
  ]);
  const providerIds = [
    ...new Set(
      rows.flatMap((r) => [
        ...r.auth.providers.map((p) => p.providerId),
        ...(r.authProviderId ? [r.authProviderId] : []),
      ]),
    ),
  ];
  const names = await providerNames(db, providerIds);
  const toJson = (r: RecipientRow): RecipientJson => ({
    RecipientId: r.id,
    Email: r.email,
    FirstName: r.firstName,
    LastName: r.lastName,
    Phone: r.phone,
    LanguageCode: r.languageCode,
    Status: r.status,
    AuthenticationState: authState(r),
    AuthenticationMethod: r.authMethod,
    AuthenticatedWith: r.authProviderId ? (names.get(r.authProviderId) ?? r.authProviderId) : null,
    Locked: r.codeAttempts >= MAX_ATTEMPTS,
    AuthenticationMethods: [
      ...(r.auth.accessCodeHash ? [{ Method: "AccessCode", Parameter: "", Filters: [] }] : []),
      ...(r.auth.sms ? [{ Method: "SmsCode", Parameter: r.phone ?? "", Filters: [] }] : []),
      ...r.auth.providers.map((p) => ({
        Method: "CustomOAuthProvider",
        Parameter: names.get(p.providerId) ?? p.providerId,
        Filters: p.filters.map((f) => ({ CompareOperation: f.operation, FilterId: f.field, FilterValue: f.value })),
      })),
    ],
    DisposableCertificate: certificateJson(r.certificate),
    SignedAt: iso(r.signedAt),
  });
  const steps = new Map<string, EnvelopeJson["Steps"][number]>();
  for (const r of rows) {
    const key = `${r.orderIndex}:${r.role}`;
    if (!steps.has(key))
      steps.set(key, { OrderIndex: r.orderIndex, RecipientType: r.role === "cc" ? "Cc" : "Signer", Recipients: [] });
    steps.get(key)!.Recipients.push(toJson(r));
  }
  return {
    EnvelopeId: e.id,
    Name: e.name,
    Status: effectiveStatus(e),
    EmailSubject: e.emailSubject,
    Sender: { Email: e.senderEmail, Name: e.senderName },
    CreatedAt: e.createdAt.toISOString(),
    SentAt: iso(e.sentAt),
    ExpirationInSecondsAfterSending: e.expirationSeconds,
    ExpiresAt: iso(e.expiresAt),
    CompletedAt: iso(e.completedAt),
    Documents: docs.map((d) => ({ DocRefNumber: d.docRef, FileId: d.fileId, Name: d.name, Pages: d.pages.length })),
    Steps: [...steps.values()],
    SignatureFields: fields.map((f) => ({
      RecipientId: f.recipientId,
      DocRefNumber: f.docRef,
      Page: f.page,
      X: f.x,
      Y: f.y,
      Width: f.width,
      Height: f.height,
      Signed: Boolean(f.signedAt),
    })),
  };
}
