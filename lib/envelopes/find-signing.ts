import { and, asc, eq, inArray } from "drizzle-orm";
import {
  envelopeDocuments,
  envelopes,
  files,
  identityProviders,
  recipients,
  signatureFields,
  type EnvelopeRow,
  type RecipientRow,
  type SignatureFieldRow,
} from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { hashLinkToken, isLinkTokenShape } from "@/lib/bindings/link-token";
import { sha256 } from "@/lib/flows/start-flow";
import { isExpired } from "./expiry";

export type SigningView =
  | { ok: false; reason: "unknown" | "not_sent" }
  | { ok: false; reason: "expired"; envelopeId: string; expiredAt: Date | null }
  | {
      ok: true;
      envelope: EnvelopeRow;
      recipient: RecipientRow;
      /** The recipient's fields, with the types each allows (allowedTypes); the drawn image and the address stay on the server. */
      fields: SigningField[];
      documents: { docRef: number; name: string; pages: [number, number][] }[];
      providers: { id: string; name: string }[];
      /** Whether authentication is required, and whether this browser holds it. */
      authRequired: boolean;
      authenticated: boolean;
      /** The last provider refusal when this browser was refused: which provider, and who signed in there. */
      refusal: { providerId: string; presented: string | null } | null;
    };

export type SigningField = Omit<SignatureFieldRow, "signatureImage" | "signedIp">;

export const SIGNER_COOKIE = "signer_browser";
export const SIGNER_LINK_COOKIE = "signer_link";

/** Whether this browser authenticated the recipient (a hash of its signer cookie is kept on the recipient). */
export const holdsAuthentication = (
  r: Pick<RecipientRow, "authenticatedAt" | "authBrowserHash">,
  browserToken: string | null | undefined,
) => Boolean(r.authenticatedAt && r.authBrowserHash && browserToken && sha256(browserToken) === r.authBrowserHash);

export const requiresAuthentication = (r: Pick<RecipientRow, "auth">) =>
  Boolean(r.auth.accessCodeHash || r.auth.sms || r.auth.providers.length);

/** The recipient's last provider refusal, only for the browser that was refused (another holder of the link never sees it). */
const refusalFor = (r: Pick<RecipientRow, "lastRefusal">, browserToken: string | null | undefined) =>
  r.lastRefusal && browserToken && sha256(browserToken) === r.lastRefusal.browserHash
    ? { providerId: r.lastRefusal.providerId, presented: r.lastRefusal.presented }
    : null;

/** What a signing link stands for; reading it changes nothing. */
export async function findSigning(
  db: Db | Tx,
  token: string,
  browserToken: string | null | undefined,
): Promise<SigningView> {
  if (!isLinkTokenShape(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select({ r: recipients, e: envelopes })
    .from(recipients)
    .innerJoin(envelopes, eq(envelopes.id, recipients.envelopeId))
    .where(eq(recipients.linkTokenHash, hashLinkToken(token)));
  if (!row || row.r.role !== "signer") return { ok: false, reason: "unknown" };
  if (row.e.status === "draft" || row.e.status === "canceled") return { ok: false, reason: "not_sent" };
  if (
    row.r.status !== "signed" &&
    (isExpired(row.e) || (row.r.linkExpiresAt && row.r.linkExpiresAt.getTime() < Date.now()))
  ) {
    return { ok: false, reason: "expired", envelopeId: row.e.id, expiredAt: row.e.expiresAt ?? row.r.linkExpiresAt };
  }
  const ids = row.r.auth.providers.map((p) => p.providerId);
  const [fields, documents, providers] = await Promise.all([
    db
      .select()
      .from(signatureFields)
      .where(eq(signatureFields.recipientId, row.r.id))
      .orderBy(asc(signatureFields.docRef), asc(signatureFields.page)),
    db
      .select({ docRef: envelopeDocuments.docRef, name: files.name, pages: files.pages })
      .from(envelopeDocuments)
      .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
      .where(eq(envelopeDocuments.envelopeId, row.e.id))
      .orderBy(envelopeDocuments.docRef),
    ids.length
      ? db
          .select({ id: identityProviders.id, name: identityProviders.name })
          .from(identityProviders)
          .where(
            and(
              inArray(identityProviders.id, ids),
              eq(identityProviders.enabled, true),
              eq(identityProviders.usedForSignerAuthentication, true),
            ),
          )
      : [],
  ]);
  const authRequired = requiresAuthentication(row.r);
  return {
    ok: true,
    envelope: row.e,
    recipient: row.r,
    fields: fields.map(({ signatureImage: _image, signedIp: _ip, ...f }) => f),
    documents,
    providers: ids
      .map((id) => providers.find((p) => p.id === id))
      .filter((p): p is { id: string; name: string } => Boolean(p)),
    authRequired,
    authenticated: !authRequired || holdsAuthentication(row.r, browserToken),
    refusal: refusalFor(row.r, browserToken),
  };
}

/** One of the envelope's PDFs, for a signer authenticated in this browser who has not yet signed; else null. */
export async function findSignerDocument(
  db: Db | Tx,
  input: { token: string; docRef: number; browserToken: string | null | undefined },
) {
  const view = await findSigning(db, input.token, input.browserToken);
  if (!view.ok || !view.authenticated || view.recipient.status === "signed") return null;
  const [file] = await db
    .select({ content: files.content, name: files.name })
    .from(envelopeDocuments)
    .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
    .where(and(eq(envelopeDocuments.envelopeId, view.envelope.id), eq(envelopeDocuments.docRef, input.docRef)));
  return file ?? null;
}
