import type { z } from "zod";
import {
  DEFAULT_EXPIRATION_SECONDS,
  SEED_SIGNATURE_TYPE,
  type TSendEnvelopeRequest,
  type ZStampImprintConfiguration,
} from "@/lib/envelopes/schema";
import { CERTIFICATE_KEYS, type CertificateKey } from "@/lib/envelopes/disposable-certificate";

// The designer's form values and how they become the REST body (the same SendEnvelopeDescription
// an integrator sends), so the browser and the API go through one schema.

export type DesignerProvider = { id: string; name: string; customFields: string[] };
export type FilterValues = { field: string; operation: string; value: string };
// Aligned by index with the provider list (and custom with its customFields): form paths never hold ids.
export type ProviderChoice = { on: boolean; filters: FilterValues[]; custom: string[] };
export type RecipientValues = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  role: "Signer" | "Cc";
  accessCodeOn: boolean;
  accessCode: string;
  sms: boolean;
  providers: ProviderChoice[];
  /** Names the recipient to its signature fields (stable while recipients move or go); never sent. */
  key: string;
  /** The disposable-certificate holder data, by REST key ("" when not given). */
  certificate: Record<CertificateKey, string>;
};
/** How a signer may sign a field: the seed's AllowedSignatureTypes capturing methods. */
export type SignatureType = "Click2Sign" | "Draw" | "Type";
export const SIGNATURE_TYPES: { type: SignatureType; label: string }[] = [
  { type: "Click2Sign", label: "Click" },
  { type: "Draw", label: "Draw" },
  { type: "Type", label: "Type" },
];
/** A signature field on a document's page, in PDF units from the page's lower-left corner. */
export type FieldValues = {
  recipient: string;
  doc: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  allowed: SignatureType[];
  /** The task's StampImprintConfiguration (made through the API; the designer keeps it as it came). */
  stamp?: StampImprint;
};
export type DesignerValues = {
  name: string;
  subject: string;
  message: string;
  expiresInDays: number;
  reminders?: ReminderValues;
  recipients: RecipientValues[];
  fields: FieldValues[];
};
/** The seed's EnableReminders, FirstReminderDayAmount, RecurrentReminderDayAmount, BeforeExpirationDayAmount. */
export type ReminderValues = { enabled: boolean; first: number; recurrent: number; beforeExpiration: number };
export const DEFAULT_REMINDERS: ReminderValues = { enabled: false, first: 5, recurrent: 3, beforeExpiration: 3 };
type StampImprint = z.input<typeof ZStampImprintConfiguration>;
export type UploadedFile = { FileId: string; Name: string; Size: number; Pages: [number, number][] };

export const FIELD_SIZE = { width: 190, height: 80 };
export const MAX_DOCUMENTS = 20;

let keys = 0;
const newKey = () => `r${Date.now().toString(36)}${(keys++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
export const DEFAULT_EXPIRY_DAYS = DEFAULT_EXPIRATION_SECONDS / 86400;

export const emptyCertificate = (): Record<CertificateKey, string> =>
  Object.fromEntries(CERTIFICATE_KEYS.map((k) => [k, ""])) as Record<CertificateKey, string>;

/** The filled certificate fields, or nothing when none is. */
function certificateBody(values: Record<CertificateKey, string> | undefined) {
  const filled = CERTIFICATE_KEYS.filter((k) => values?.[k]?.trim());
  return filled.length ? { DisposableCertificate: Object.fromEntries(filled.map((k) => [k, values![k]])) } : {};
}

export const emptyRecipient = (providers: DesignerProvider[]): RecipientValues => ({
  firstName: "",
  lastName: "",
  email: "",
  phone: "",
  role: "Signer",
  accessCodeOn: false,
  accessCode: "",
  sms: false,
  providers: providers.map((p) => ({ on: false, filters: [], custom: p.customFields.map(() => "") })),
  key: newKey(),
  certificate: emptyCertificate(),
});

/** A new field for a recipient, its lower-left corner at (x, y) of a document's page. */
export const newField = (recipient: string, doc: number, page: number, x: number, y: number): FieldValues => ({
  recipient,
  doc,
  page,
  x,
  y,
  width: FIELD_SIZE.width,
  height: FIELD_SIZE.height,
  allowed: ["Click2Sign"],
});

export function toRequest(
  values: DesignerValues,
  files: UploadedFile[],
  providers: DesignerProvider[],
): TSendEnvelopeRequest {
  return {
    SspFileIds: files.map((f) => f.FileId),
    SendEnvelopeDescription: {
      Name: values.name,
      EmailSubject: values.subject,
      EmailBody: values.message,
      // Days in the form, seconds in the seed's REST field; a blank or wrong number fails the schema at this path.
      ExpirationInSecondsAfterSending: Number.isFinite(values.expiresInDays)
        ? Math.round(values.expiresInDays * 86400)
        : Number.NaN,
      EnableReminders: values.reminders?.enabled ?? false,
      FirstReminderDayAmount: values.reminders?.first ?? DEFAULT_REMINDERS.first,
      RecurrentReminderDayAmount: values.reminders?.recurrent ?? DEFAULT_REMINDERS.recurrent,
      BeforeExpirationDayAmount: values.reminders?.beforeExpiration ?? DEFAULT_REMINDERS.beforeExpiration,
      Steps: values.recipients.map((r, i) => ({
        OrderIndex: i + 1,
        RecipientType: r.role,
        Recipients: [
          {
            Email: r.email,
            FirstName: r.firstName,
            LastName: r.lastName,
            ...(r.phone.trim() ? { PhoneNumber: r.phone } : {}),
            ...certificateBody(r.certificate),
            AuthenticationMethods:
              r.role === "Cc"
                ? []
                : [
                    ...(r.accessCodeOn ? [{ Method: "AccessCode", Parameter: r.accessCode }] : []),
                    ...(r.sms ? [{ Method: "SmsCode", Parameter: "" }] : []),
                    ...providers
                      .map((p, pi) => ({ p, choice: r.providers[pi] }))
                      .filter(({ choice }) => choice?.on)
                      .map(({ p, choice }) => {
                        return {
                          Method: "CustomOAuthProvider",
                          Parameter: p.name,
                          ProviderId: p.id,
                          // An Email filter left blank is the recipient's email (the default filter's placeholder).
                          Filters: choice!.filters.map((f) => ({
                            CompareOperation: f.operation,
                            FilterId: f.field,
                            FilterValue: f.field === "Email" && !f.value.trim() ? r.email : f.value,
                          })),
                          CustomValues: p.customFields.map((id, ci) => ({
                            FieldReferenceId: id,
                            Value: choice!.custom[ci] ?? "",
                          })),
                        };
                      }),
                  ],
          },
        ],
        ...(r.role === "Signer" && values.fields.some((f) => f.recipient === r.key)
          ? {
              WorkstepConfiguration: {
                WorkstepTasks: {
                  Tasks: values.fields
                    .filter((f) => f.recipient === r.key)
                    .map((f) => ({
                      DiscriminatorType: "Signature",
                      PositionPage: f.page,
                      Position: { PositionX: f.x, PositionY: f.y },
                      Size: { Width: f.width, Height: f.height },
                      DocRefNumber: f.doc,
                      // The seed's default (Click2Sign alone, default imprint) is sent as it is: nothing to say.
                      ...(f.allowed.length === 1 && f.allowed[0] === "Click2Sign" && !f.stamp
                        ? {}
                        : {
                            AllowedSignatureTypes: f.allowed.map((t) => ({
                              DiscriminatorType: SEED_SIGNATURE_TYPE[t],
                              ...(f.stamp ? { StampImprintConfiguration: f.stamp } : {}),
                            })),
                          }),
                    })),
                },
              },
            }
          : {}),
      })),
    },
  };
}

type DraftRequest = TSendEnvelopeRequest;

/**
 * A saved draft (lib/envelopes/get-draft) back into the form, or the reason the designer cannot
 * show it (it was made through the API with what the form has no place for).
 */
export function fromRequest(
  request: DraftRequest,
  providers: DesignerProvider[],
): { ok: true; values: DesignerValues } | { ok: false; reason: string } {
  const d = request.SendEnvelopeDescription;
  const steps = [...d.Steps].sort((a, b) => a.OrderIndex - b.OrderIndex);
  if (steps.some((s) => s.Recipients.length !== 1)) return { ok: false, reason: "a step has several recipients" };
  const fields: FieldValues[] = [];
  const recipients = steps.map((s, i): RecipientValues => {
    const r = s.Recipients[0]!;
    const methods = r.AuthenticationMethods ?? [];
    const key = `r${i + 1}`;
    for (const t of s.WorkstepConfiguration?.WorkstepTasks?.Tasks ?? []) {
      if (t.DiscriminatorType !== "Signature" || !t.Position || !t.PositionPage) continue;
      const given = (t.AllowedSignatureTypes ?? []).map((a) => a.DiscriminatorType ?? a.AllowedCapturingMethod);
      const stamp = t.AllowedSignatureTypes?.find((a) => a.StampImprintConfiguration)?.StampImprintConfiguration;
      const allowed = SIGNATURE_TYPES.map((x) => x.type).filter((type) => given.includes(SEED_SIGNATURE_TYPE[type]));
      fields.push({
        ...newField(
          key,
          Number(t.DocRefNumber ?? 1),
          Number(t.PositionPage),
          t.Position.PositionX,
          t.Position.PositionY,
        ),
        ...(t.Size ? { width: t.Size.Width, height: t.Size.Height } : {}),
        ...(allowed.length ? { allowed } : {}),
        ...(stamp ? { stamp } : {}),
      });
    }
    return {
      firstName: r.FirstName ?? "",
      lastName: r.LastName ?? "",
      email: r.Email,
      phone: r.PhoneNumber ?? "",
      role: s.RecipientType === "Cc" ? "Cc" : "Signer",
      accessCodeOn: methods.some((m) => m.Method === "AccessCode"),
      // Stored only as a hash: the sender enters it again.
      accessCode: "",
      sms: methods.some((m) => m.Method === "SmsCode"),
      providers: providers.map((p) => {
        const m = methods.find((x) => x.Method === "CustomOAuthProvider" && x.ProviderId === p.id);
        const custom = new Map((m?.CustomValues ?? []).map((c) => [c.FieldReferenceId, c.Value]));
        return {
          on: Boolean(m),
          filters: (m?.Filters ?? []).map((f) => ({
            field: f.FilterId,
            operation: f.CompareOperation,
            value: f.FilterValue,
          })),
          custom: p.customFields.map((id) => custom.get(id) ?? ""),
        };
      }),
      key,
      certificate: Object.fromEntries(
        CERTIFICATE_KEYS.map((k) => {
          const v = (r.DisposableCertificate as Record<string, unknown> | undefined)?.[k];
          return [k, typeof v === "string" ? v : ""];
        }),
      ) as Record<CertificateKey, string>,
    };
  });
  const seconds = d.ExpirationInSecondsAfterSending ?? DEFAULT_EXPIRATION_SECONDS;
  return {
    ok: true,
    values: {
      name: d.Name,
      subject: d.EmailSubject ?? "",
      message: d.EmailBody ?? "",
      expiresInDays: Math.round((seconds / 86400) * 100) / 100,
      reminders: {
        enabled: d.EnableReminders ?? false,
        first: d.FirstReminderDayAmount ?? DEFAULT_REMINDERS.first,
        recurrent: d.RecurrentReminderDayAmount ?? DEFAULT_REMINDERS.recurrent,
        beforeExpiration: d.BeforeExpirationDayAmount ?? DEFAULT_REMINDERS.beforeExpiration,
      },
      recipients,
      fields,
    },
  };
}
