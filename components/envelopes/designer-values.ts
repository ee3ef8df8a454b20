import { CERTIFICATE_KEYS, type CertificateKey } from "@/lib/envelopes/disposable-certificate";
import { DEFAULT_EXPIRATION_SECONDS, type TSendEnvelopeRequest } from "@/lib/envelopes/schema";

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
  field: { page: number; x: number; y: number } | null;
  /** The disposable-certificate holder data, by REST key ("" when not given). */
  certificate: Record<CertificateKey, string>;
};
export type DesignerValues = {
  name: string;
  subject: string;
  message: string;
  expiresInDays: number;
  recipients: RecipientValues[];
};
export type UploadedFile = { FileId: string; Name: string; Size: number; Pages: [number, number][] };

export const FIELD_SIZE = { width: 190, height: 80 };
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
  field: null,
  certificate: emptyCertificate(),
});

export function toRequest(
  values: DesignerValues,
  file: UploadedFile | null,
  providers: DesignerProvider[],
): TSendEnvelopeRequest {
  return {
    SspFileIds: file ? [file.FileId] : [],
    SendEnvelopeDescription: {
      Name: values.name,
      EmailSubject: values.subject,
      EmailBody: values.message,
      // Days in the form, seconds in the seed's REST field; a blank or wrong number fails the schema at this path.
      ExpirationInSecondsAfterSending: Number.isFinite(values.expiresInDays)
        ? Math.round(values.expiresInDays * 86400)
        : Number.NaN,
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
        ...(r.role === "Signer" && r.field
          ? {
              WorkstepConfiguration: {
                WorkstepTasks: {
                  Tasks: [
                    {
                      DiscriminatorType: "Signature",
                      PositionPage: r.field.page,
                      Position: { PositionX: r.field.x, PositionY: r.field.y },
                      Size: { Width: FIELD_SIZE.width, Height: FIELD_SIZE.height },
                      DocRefNumber: 1,
                    },
                  ],
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
  if (request.SspFileIds.length > 1) return { ok: false, reason: `it has ${request.SspFileIds.length} documents` };
  const steps = [...d.Steps].sort((a, b) => a.OrderIndex - b.OrderIndex);
  if (steps.some((s) => s.Recipients.length !== 1)) return { ok: false, reason: "a step has several recipients" };
  const recipients = steps.map((s): RecipientValues => {
    const r = s.Recipients[0]!;
    const methods = r.AuthenticationMethods ?? [];
    const task = s.WorkstepConfiguration?.WorkstepTasks?.Tasks?.find(
      (t) => t.DiscriminatorType === "Signature" && t.Position && t.PositionPage,
    );
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
      field: task
        ? { page: Number(task.PositionPage), x: task.Position!.PositionX, y: task.Position!.PositionY }
        : null,
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
      recipients,
    },
  };
}
