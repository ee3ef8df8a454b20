import { and, asc, eq } from "drizzle-orm";
import { providerNames } from "@/lib/identity-providers/provider-names";
import { envelopeDocuments, envelopes, files, recipients, signatureFields } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { SEED_SIGNATURE_TYPE, type TSendEnvelopeRequest } from "./schema";
import { lifecycleJson } from "./schema-lifecycle";
import type { CertificateData } from "./disposable-certificate";

export type DraftFile = { FileId: string; Name: string; Size: number; Pages: [number, number][] };
export type Draft = { id: string; request: TSendEnvelopeRequest; files: DraftFile[] };

/**
 * A draft of the sender's as the body that created it (SspFileIds + SendEnvelopeDescription), for
 * the designer to open and PUT back. Access codes are kept only as hashes, so an AccessCode
 * method comes back with an empty Parameter: the sender enters the code again.
 */
export async function getDraft(db: Db | Tx, id: string, senderUserId: string): Promise<Draft> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "No envelope with this id");
  const [e] = await db
    .select()
    .from(envelopes)
    .where(and(eq(envelopes.id, id), eq(envelopes.senderUserId, senderUserId)));
  if (!e) throw new AppError("not_found", "No envelope with this id");
  if (e.status !== "draft") throw new AppError("conflict", `Only a draft can be changed; this envelope is ${e.status}`);
  const [docs, rows, fields] = await Promise.all([
    db
      .select({ fileId: files.id, name: files.name, size: files.size, pages: files.pages })
      .from(envelopeDocuments)
      .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
      .where(eq(envelopeDocuments.envelopeId, id))
      .orderBy(asc(envelopeDocuments.docRef)),
    db.select().from(recipients).where(eq(recipients.envelopeId, id)).orderBy(asc(recipients.orderIndex)),
    db.select().from(signatureFields).where(eq(signatureFields.envelopeId, id)),
  ]);
  const providerIds = [...new Set(rows.flatMap((r) => r.auth.providers.map((p) => p.providerId)))];
  const names = await providerNames(db, providerIds);
  const steps = new Map<number, NonNullable<TSendEnvelopeRequest["SendEnvelopeDescription"]["Steps"]>[number]>();
  for (const r of rows) {
    const step = steps.get(r.orderIndex) ?? {
      OrderIndex: r.orderIndex,
      RecipientType: r.role === "cc" ? ("Cc" as const) : ("Signer" as const),
      Recipients: [],
    };
    steps.set(r.orderIndex, step);
    step.Recipients.push({
      Email: r.email,
      FirstName: r.firstName,
      LastName: r.lastName,
      ...(r.phone ? { PhoneNumber: r.phone } : {}),
      LanguageCode: r.languageCode,
      ...(Object.keys(r.certificate).length ? { DisposableCertificate: r.certificate as CertificateData } : {}),
      // What the sender set through REST, as it was stored (a step's EmailBodyExtra joined to the recipient's).
      ...(r.options.disableEmail ? { DisableEmail: true } : {}),
      ...(r.options.emailBodyExtra ? { EmailBodyExtra: r.options.emailBodyExtra } : {}),
      ...(r.options.allowDelegation ? { AllowDelegation: true } : {}),
      ...(r.options.skipExternalDataValidation ? { SkipExternalDataValidation: true } : {}),
      AuthenticationMethods: [
        ...(r.auth.accessCodeHash ? [{ Method: "AccessCode" as const, Parameter: "" }] : []),
        ...(r.auth.sms ? [{ Method: "SmsCode" as const, Parameter: "" }] : []),
        ...r.auth.providers.map((p) => ({
          Method: "CustomOAuthProvider" as const,
          Parameter: names.get(p.providerId) ?? "",
          ProviderId: p.providerId,
          Filters: p.filters.map((f) => ({ CompareOperation: f.operation, FilterId: f.field, FilterValue: f.value })),
          CustomValues: Object.entries(p.customValues).map(([FieldReferenceId, Value]) => ({
            FieldReferenceId,
            Value,
          })),
        })),
      ],
    });
    const tasks = fields
      .filter((f) => f.recipientId === r.id)
      .map((f) => ({
        DiscriminatorType: "Signature",
        PositionPage: f.page,
        Position: { PositionX: f.x, PositionY: f.y },
        Size: { Width: f.width, Height: f.height },
        DocRefNumber: f.docRef,
        DisplayName: f.label,
        AllowedSignatureTypes: f.allowedTypes.map((t) => ({
          DiscriminatorType: SEED_SIGNATURE_TYPE[t],
          ...(f.stampConfig ? { StampImprintConfiguration: f.stampConfig } : {}),
        })),
      }));
    // The step's agreement (an Agreements task) and hidden documents were given to each of its
    // recipients alike: the first one's stand for the step, as its signature tasks do.
    const agreementTask = r.agreement
      ? [{ DiscriminatorType: "Agreements", Texts: r.agreement.texts, Headings: r.agreement.headings }]
      : [];
    if ((tasks.length || agreementTask.length) && !step.WorkstepConfiguration)
      step.WorkstepConfiguration = { WorkstepTasks: { Tasks: [...tasks, ...agreementTask] } };
    if (r.options.hiddenDocs?.length && !step.DocumentOptions)
      step.DocumentOptions = r.options.hiddenDocs.map((d) => ({ DocumentReference: d, IsHidden: true }));
  }
  return {
    id,
    files: docs.map((d) => ({ FileId: d.fileId, Name: d.name, Size: d.size, Pages: d.pages })),
    request: {
      SspFileIds: docs.map((d) => d.fileId),
      SendEnvelopeDescription: {
        Name: e.name,
        EmailSubject: e.emailSubject,
        EmailBody: e.emailBody,
        ExpirationInSecondsAfterSending: e.expirationSeconds,
        ...lifecycleJson(e),
        Steps: [...steps.values()],
      },
    },
  };
}
