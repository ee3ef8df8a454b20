import { eq } from "drizzle-orm";
import { providerNames } from "@/lib/identity-providers/provider-names";
import {
  envelopeDocuments,
  envelopes,
  files,
  recipients,
  sealedDocuments,
  signatureFields,
  type EnvelopeRow,
  type RecipientRow,
  type StampConfig,
} from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { certificateJson, type DisposableCertificateJson } from "./disposable-certificate";
import { checkEnvelopeId, visibleTo, type EnvelopeViewer } from "./assert-envelope-visible";
import { MAX_ATTEMPTS } from "./code-authentication";
import { effectiveStatus } from "./expiry";
import { requiresAuthentication } from "./find-signing";
import { openSigningLink } from "./mail";
import { SEED_SIGNATURE_TYPE } from "./schema";
import { lifecycleJson } from "./schema-lifecycle";

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
  /** DisableEmail recipients whose turn it is: their live signing link (REST only, never mailed). */
  SigningUrl?: string;
  DisableEmail: boolean;
  AllowDelegation: boolean;
  SkipExternalDataValidation: boolean;
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
  /** Canceled or rejected: when, and the reason given. */
  EndedAt: string | null;
  EndReason: string | null;
  StatusUpdateCallbackUrl: string;
  CallbackUrl: string;
  /** DocumentId is the DocRefNumber (1-based), as in /documents/<DocumentId>/sealed; SealedSha256 is null until sealed. */
  Documents: {
    DocRefNumber: number;
    FileId: string;
    Name: string;
    Pages: number;
    DocumentId: number;
    FileName: string;
    Sha256: string;
    SealedSha256: string | null;
  }[];
  /** The certificate of completion's sealed SHA-256 (GET …/certificate.pdf), null until sealed. */
  CertificateSha256: string | null;
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
    AllowedSignatureTypes: { DiscriminatorType: string }[];
    StampImprintConfiguration: StampConfig | null;
    SignatureType: string | null;
    SignedAt: string | null;
  }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function authState(r: RecipientRow): AuthenticationState {
  if (!requiresAuthentication(r)) return "NotRequired";
  if (r.authenticatedAt) return "Authenticated";
  return r.lastAuthError ? "Failed" : "Required";
}

/** An envelope as GET /api/v6/envelope/<id> answers it (the seed's PascalCase); recipient data as the Update mappings left it. No hash or code. */
export async function getEnvelope(
  db: Db | Tx,
  id: string,
  viewer: EnvelopeViewer,
  keys: Buffer[] = [],
): Promise<EnvelopeJson> {
  checkEnvelopeId(id);
  const [row] = await db.select().from(envelopes).where(eq(envelopes.id, id));
  const e = visibleTo(row, viewer);
  const [rows, docs, fields, sealed] = await Promise.all([
    db.select().from(recipients).where(eq(recipients.envelopeId, id)).orderBy(recipients.orderIndex),
    db
      .select({
        docRef: envelopeDocuments.docRef,
        fileId: files.id,
        name: files.name,
        pages: files.pages,
        sha256: files.sha256,
      })
      .from(envelopeDocuments)
      .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
      .where(eq(envelopeDocuments.envelopeId, id))
      .orderBy(envelopeDocuments.docRef),
    db.select().from(signatureFields).where(eq(signatureFields.envelopeId, id)),
    db
      .select({ docRef: sealedDocuments.docRef, sha256: sealedDocuments.sha256 })
      .from(sealedDocuments)
      .where(eq(sealedDocuments.envelopeId, id)),
  ]);
  const sealedSha = new Map(sealed.map((s) => [s.docRef, s.sha256]));
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
    DisableEmail: Boolean(r.options.disableEmail),
    AllowDelegation: Boolean(r.options.allowDelegation),
    SkipExternalDataValidation: Boolean(r.options.skipExternalDataValidation),
    ...(r.options.disableEmail && r.status === "invited" && keys.length
      ? { SigningUrl: openSigningLink(r, keys) ?? undefined }
      : {}),
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
    EndedAt: iso(e.endedAt),
    EndReason: e.endReason,
    ...lifecycleJson(e),
    Documents: docs.map((d) => ({
      DocRefNumber: d.docRef,
      FileId: d.fileId,
      Name: d.name,
      Pages: d.pages.length,
      DocumentId: d.docRef,
      FileName: d.name,
      Sha256: d.sha256,
      SealedSha256: sealedSha.get(d.docRef) ?? null,
    })),
    CertificateSha256: sealedSha.get(0) ?? null,
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
      AllowedSignatureTypes: f.allowedTypes.map((t) => ({ DiscriminatorType: SEED_SIGNATURE_TYPE[t] })),
      StampImprintConfiguration: f.stampConfig,
      SignatureType: f.signatureType ? SEED_SIGNATURE_TYPE[f.signatureType] : null,
      SignedAt: iso(f.signedAt),
    })),
  };
}
