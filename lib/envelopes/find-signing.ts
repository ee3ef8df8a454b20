import { and, eq, sql } from "drizzle-orm";
import {
  envelopeDocuments,
  envelopes,
  files,
  identityProviders,
  instanceSettings,
  recipients,
  signatureFields,
  type EnvelopeRow,
  type RecipientRow,
  type SignatureFieldRow,
} from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { hashLinkToken, isLinkTokenShape } from "@/lib/bindings/link-token";
import { sha256 } from "@/lib/flows/start-flow";
import { DEFAULT_AGREEMENT_KEY, shownAgreement, type ShownAgreement, type TDefaultAgreement } from "./agreements";
import { isExpired } from "./expiry";

export type SigningView =
  | { ok: false; reason: "unknown" | "not_sent" }
  | { ok: false; reason: "expired"; envelopeId: string; expiredAt: Date | null }
  /** Canceled by the sender or rejected by a signer (`byYou`: this link's holder): when, and the reason given. */
  | { ok: false; reason: "canceled" | "rejected"; endedAt: Date | null; endReason: string; byYou: boolean }
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
      /** The agreement this signer is shown once authenticated (null before). */
      agreement: ShownAgreement | null;
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

type FieldJson = Omit<SigningField, "signedAt"> & { signedAt: string | null };
type DocumentJson = { docRef: number; name: string; pages: [number, number][] };

/** postgres.js parses json columns, PGlite too; a driver that hands text gets parsed here. */
const fromJson = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

// The recipient's fields, the envelope's documents, the allowed providers still enabled for
// signers, and the default agreement, read with the recipient in one statement: the signing
// page, its start and every action read a link through here (one round trip, not four).
const fieldsJson = sql`coalesce((select json_agg(json_build_object('id', f.id, 'envelopeId', f.envelope_id,
  'recipientId', f.recipient_id, 'docRef', f.doc_ref, 'page', f.page, 'x', f.x, 'y', f.y, 'width', f.width,
  'height', f.height, 'label', f.label, 'allowedTypes', f.allowed_types, 'stampConfig', f.stamp_config,
  'signedAt', f.signed_at, 'signatureType', f.signature_type, 'typedText', f.typed_text) order by f.doc_ref, f.page)
  from ${signatureFields} f where f.recipient_id = ${recipients.id}), '[]'::json)`;
const documentsJson = sql`coalesce((select json_agg(json_build_object('docRef', d.doc_ref, 'name', fl.name,
  'pages', fl.pages) order by d.doc_ref) from ${envelopeDocuments} d join ${files} fl on fl.id = d.file_id
  where d.envelope_id = ${envelopes.id}), '[]'::json)`;
const providersJson = sql`coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name))
  from ${identityProviders} p where p.enabled and p.used_for_signer_authentication
  and p.id::text in (select a->>'providerId' from jsonb_array_elements(${recipients.auth}->'providers') a)), '[]'::json)`;
const defaultAgreementJson = sql`(select s.value from ${instanceSettings} s where s.key = ${DEFAULT_AGREEMENT_KEY})`;

export const selectSigning = preparedStatement((db) =>
  db
    .select({
      r: recipients,
      e: envelopes,
      fields: fieldsJson,
      documents: documentsJson,
      providers: providersJson,
      defaultAgreement: defaultAgreementJson,
    })
    .from(recipients)
    .innerJoin(envelopes, eq(envelopes.id, recipients.envelopeId))
    .where(eq(recipients.linkTokenHash, sql.placeholder("linkTokenHash")))
    .prepare("find_signing"),
);

/** What a signing link stands for; reading it changes nothing. */
export async function findSigning(
  db: Db | Tx,
  token: string,
  browserToken: string | null | undefined,
): Promise<SigningView> {
  if (!isLinkTokenShape(token)) return { ok: false, reason: "unknown" };
  const [row] = await selectSigning(db, { linkTokenHash: hashLinkToken(token) });
  if (!row || row.r.role !== "signer") return { ok: false, reason: "unknown" };
  if (row.e.status === "draft") return { ok: false, reason: "not_sent" };
  if (row.e.status === "canceled" || row.e.status === "rejected")
    return {
      ok: false,
      reason: row.e.status,
      endedAt: row.e.endedAt,
      endReason: row.e.endReason ?? "",
      byYou: row.r.status === "rejected",
    };
  if (
    row.r.status !== "signed" &&
    (isExpired(row.e) || (row.r.linkExpiresAt && row.r.linkExpiresAt.getTime() < Date.now()))
  ) {
    return { ok: false, reason: "expired", envelopeId: row.e.id, expiredAt: row.e.expiresAt ?? row.r.linkExpiresAt };
  }
  const ids = row.r.auth.providers.map((p) => p.providerId);
  const providers = fromJson<{ id: string; name: string }[]>(row.providers);
  const authRequired = requiresAuthentication(row.r);
  const authenticated = !authRequired || holdsAuthentication(row.r, browserToken);
  return {
    ok: true,
    envelope: row.e,
    recipient: row.r,
    fields: fromJson<FieldJson[]>(row.fields).map((f) => ({
      ...f,
      signedAt: f.signedAt ? new Date(f.signedAt) : null,
    })),
    // DocumentOptions IsHidden: documents this recipient does not see.
    documents: fromJson<DocumentJson[]>(row.documents).filter((d) => !row.r.options.hiddenDocs?.includes(d.docRef)),
    providers: ids
      .map((id) => providers.find((p) => p.id === id))
      .filter((p): p is { id: string; name: string } => Boolean(p)),
    authRequired,
    authenticated,
    refusal: refusalFor(row.r, browserToken),
    agreement: authenticated ? shownAgreement(row.r, fromJson<TDefaultAgreement | null>(row.defaultAgreement)) : null,
  };
}

/** One of the envelope's PDFs, for a signer authenticated in this browser who has not yet signed; else null. */
export async function findSignerDocument(
  db: Db | Tx,
  input: { token: string; docRef: number; browserToken: string | null | undefined },
) {
  const view = await findSigning(db, input.token, input.browserToken);
  if (!view.ok || !view.authenticated || view.recipient.status === "signed") return null;
  if (!view.documents.some((d) => d.docRef === input.docRef)) return null;
  const [file] = await db
    .select({ content: files.content, name: files.name })
    .from(envelopeDocuments)
    .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
    .where(and(eq(envelopeDocuments.envelopeId, view.envelope.id), eq(envelopeDocuments.docRef, input.docRef)));
  return file ?? null;
}
