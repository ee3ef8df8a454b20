import { z } from "zod";
import type { SignatureType, StampConfig } from "@/db/schema";
import { FILTER_OPERATIONS } from "@/lib/oauth/recipient-filters";
import { ZDisposableCertificate } from "./disposable-certificate";
import {
  LIFECYCLE_FIELDS,
  RECIPIENT_LIFECYCLE_FIELDS,
  STEP_LIFECYCLE_FIELDS,
  TASK_LIFECYCLE_FIELDS,
  WORKSTEP_LIFECYCLE_FIELDS,
} from "./schema-lifecycle";

// Pure zod: POST /api/v6/envelope/send and /draft parse with these, and the designer builds the
// same body. The seed's SendEnvelopeDescription (seed 001 "REST configuration"), PascalCase.
// zod objects drop unknown keys (labels, policies, sender/receiver information: descriptive);
// the seed's fields of the envelope's life and those refused unless false/empty are in
// schema-lifecycle.ts. A wrong value of a field it reads is a 400 naming its JSON path.

export const MAX_PDF_BYTES = 10 * 1024 * 1024;
export const DEFAULT_EXPIRATION_SECONDS = 28 * 24 * 3600;
export const MAX_EXPIRATION_SECONDS = 365 * 24 * 3600;
export const ACCESS_CODE_MIN = 4;
// What one request may ask for. Each access code costs an argon2 hash (tens of ms of CPU), so
// these caps bound a request's cost: at most MAX_RECIPIENTS hashes. The seed's example (two
// steps of one recipient, one method each) is far inside them.
export const MAX_STEPS = 20;
export const MAX_RECIPIENTS = 50;
export const MAX_METHODS = 10;

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/** Filter operations: Equals, NotEquals, Contains, StartsWith, EndsWith, Matches (* and ? wildcards), each also as ...IgnoreCase. */
export const ZFilter = z.object({
  CompareOperation: z.enum(FILTER_OPERATIONS as [string, ...string[]], {
    message: `One of ${FILTER_OPERATIONS.join(", ")}`,
  }),
  FilterId: text(100).min(1, "Name the field the filter checks, e.g. Email"),
  FilterValue: z.string().max(1000, "At most 1000 characters"),
});

export const AUTH_METHODS = ["CustomOAuthProvider", "AccessCode", "SmsCode"] as const;

export const ZAuthenticationMethod = z
  .object({
    // Seed spellings "Pin" and "Sms" are accepted as AccessCode and SmsCode.
    Method: z.preprocess(
      (v) => (v === "Pin" ? "AccessCode" : v === "Sms" ? "SmsCode" : v),
      z.enum(AUTH_METHODS, { message: `One of ${AUTH_METHODS.join(", ")}` }),
    ),
    // CustomOAuthProvider: the provider's name; AccessCode: the code; SmsCode: the phone number (else the recipient's).
    Parameter: z.string().max(200).default(""),
    // Not in the seed: the designer names the provider exactly by id.
    ProviderId: z.string().uuid().optional(),
    Filters: z.array(ZFilter).max(20).default([]),
    // Expected values of the provider's Custom validation fields, by Field reference id.
    CustomValues: z
      .array(z.object({ FieldReferenceId: text(100).min(1), Value: z.string().max(1000) }))
      .max(50)
      .default([]),
  })
  .superRefine((m, ctx) => {
    if (m.Method === "CustomOAuthProvider" && !m.Parameter.trim() && !m.ProviderId)
      ctx.addIssue({ code: "custom", path: ["Parameter"], message: "Name the OAuth provider" });
    if (m.Method === "AccessCode" && m.Parameter.trim().length < ACCESS_CODE_MIN)
      ctx.addIssue({
        code: "custom",
        path: ["Parameter"],
        message: `An access code has at least ${ACCESS_CODE_MIN} characters`,
      });
  });

// The seed's signature types (AllowedSignatureTypes[].DiscriminatorType, or its AllowedCapturingMethod),
// in this product's names. Other types (biometric, certificates...) are refused with their path.
const SIGNATURE_TYPE_NAMES: Record<string, SignatureType> = {
  SigTypeClick2Sign: "Click2Sign",
  Click2Sign: "Click2Sign",
  SigTypeDraw2Sign: "Draw",
  SigTypeDrawToSign: "Draw",
  Draw2Sign: "Draw",
  DrawToSign: "Draw",
  Draw: "Draw",
  SigTypeType2Sign: "Type",
  SigTypeTypeToSign: "Type",
  Type2Sign: "Type",
  TypeToSign: "Type",
  Type: "Type",
};
const SIGNATURE_TYPE_HELP = "SigTypeClick2Sign, SigTypeDraw2Sign or SigTypeType2Sign";

/** The seed's StampImprintConfiguration; what is left out takes the default (name, email, date). */
export const ZStampImprintConfiguration = z.object({
  DisplayName: z.boolean().default(true),
  DisplayEmail: z.boolean().default(true),
  DisplayIp: z.boolean().default(false),
  DisplaySignatureDate: z.boolean().default(true),
  DisplayTransactionId: z.boolean().default(false),
  DisplayPhoneNumber: z.boolean().default(false),
  FontFamily: z.string().trim().max(100).default("Helvetica"),
  FontSize: z.number().min(4, "At least 4").max(36, "At most 36").default(9),
}) satisfies z.ZodType<StampConfig, unknown>;

const ZAllowedSignatureType = z
  .object({
    DiscriminatorType: z.string().max(100).optional(),
    AllowedCapturingMethod: z.string().max(100).optional(),
    StampImprintConfiguration: ZStampImprintConfiguration.optional(),
  })
  .superRefine((t, ctx) => {
    const given = t.DiscriminatorType ?? t.AllowedCapturingMethod;
    if (!given)
      ctx.addIssue({ code: "custom", path: ["DiscriminatorType"], message: `Name the type: ${SIGNATURE_TYPE_HELP}` });
    else if (!SIGNATURE_TYPE_NAMES[given])
      ctx.addIssue({
        code: "custom",
        path: [t.DiscriminatorType ? "DiscriminatorType" : "AllowedCapturingMethod"],
        message: `${given} is not supported: one of ${SIGNATURE_TYPE_HELP}`,
      });
  })
  .transform((t) => ({
    type: SIGNATURE_TYPE_NAMES[(t.DiscriminatorType ?? t.AllowedCapturingMethod)!]!,
    stamp: t.StampImprintConfiguration ?? null,
  }));

const ZSignatureTask = z.object({
  DiscriminatorType: z.string().optional(),
  PositionPage: z.coerce.number().int().min(1).optional(),
  Position: z.object({ PositionX: z.number().min(0).max(20000), PositionY: z.number().min(0).max(20000) }).optional(),
  Size: z.object({ Height: z.number().positive().max(5000), Width: z.number().positive().max(5000) }).optional(),
  DocRefNumber: z.coerce.number().int().min(1).default(1),
  DisplayName: z.string().max(200).optional(),
  ...TASK_LIFECYCLE_FIELDS,
  AllowedSignatureTypes: z.array(ZAllowedSignatureType).max(10).optional(),
});

/** A task's signature types (Click2Sign when it names none) and its stamp imprint (the first type's that has one; null: defaults). */
export function signatureTypesOf(task: z.output<typeof ZSignatureTask>): {
  allowedTypes: SignatureType[];
  stampConfig: StampConfig | null;
} {
  const given = task.AllowedSignatureTypes ?? [];
  const allowedTypes = [...new Set(given.map((t) => t.type))];
  return {
    allowedTypes: allowedTypes.length ? allowedTypes : ["Click2Sign"],
    stampConfig: given.find((t) => t.stamp)?.stamp ?? null,
  };
}

/** The seed's spelling of our signature types, for answers (GET, drafts). */
export const SEED_SIGNATURE_TYPE: Record<SignatureType, string> = {
  Click2Sign: "SigTypeClick2Sign",
  Draw: "SigTypeDraw2Sign",
  Type: "SigTypeType2Sign",
};
const ZTasks = z.object({ Tasks: z.array(ZSignatureTask).max(200).default([]) }).optional();

export const ZRecipient = z.object({
  Email: z.string().trim().email("Enter a valid email address").max(320),
  FirstName: text(200).default(""),
  LastName: text(200).default(""),
  PhoneNumber: text(40).optional(),
  LanguageCode: text(10).default("en"),
  // Seed 001's disposable-certificate holder data: the expected values of Validate mappings on those fields.
  DisposableCertificate: ZDisposableCertificate.optional(),
  AuthenticationMethods: z
    .array(ZAuthenticationMethod)
    .max(MAX_METHODS, `At most ${MAX_METHODS} authentication methods per recipient`)
    .default([])
    .superRefine((methods, ctx) => {
      // One access code and one SMS code per recipient: a second one could only be a mistake (which one counts?), and costs a hash.
      for (const method of ["AccessCode", "SmsCode"] as const) {
        // The second one is named; more of the same add nothing to the answer (one issue per recipient and kind).
        const second = methods.findIndex(
          (m, i) => m.Method === method && methods.findIndex((n) => n.Method === method) < i,
        );
        if (second >= 0)
          ctx.addIssue({
            code: "custom",
            path: [second],
            message: `A recipient has at most one ${method === "AccessCode" ? "access code" : "SMS code"}`,
          });
      }
    }),
  ...RECIPIENT_LIFECYCLE_FIELDS,
});

export const ZStep = z.object({
  OrderIndex: z.number().int().min(1).max(1000),
  Recipients: z
    .array(ZRecipient)
    .min(1, "A step needs at least one recipient")
    .max(MAX_RECIPIENTS, `At most ${MAX_RECIPIENTS} recipients in an envelope`),
  RecipientType: z.enum(["Signer", "Cc"], { message: "Signer or Cc" }).default("Signer"),
  WorkstepConfiguration: z
    .object({
      WorkstepTasks: ZTasks,
      Policy: z.object({ WorkstepTasks: ZTasks }).optional(),
      ...WORKSTEP_LIFECYCLE_FIELDS,
    })
    .optional(),
  ...STEP_LIFECYCLE_FIELDS,
});

export const ZSendEnvelopeDescription = z.object({
  Name: text(200).min(1, "Enter the envelope name"),
  EmailSubject: text(300).default(""),
  EmailBody: z.string().max(10_000).default(""),
  // Seed 001: the envelope expires this long after it is sent (its signing links stop working).
  ExpirationInSecondsAfterSending: z
    .number({ message: "The expiry in seconds after sending, e.g. 2419200 for 28 days" })
    .int("Whole seconds")
    .min(3600, "At least one hour (3600 seconds)")
    .max(MAX_EXPIRATION_SECONDS, "At most 365 days")
    .default(DEFAULT_EXPIRATION_SECONDS),
  ...LIFECYCLE_FIELDS,
  Steps: z
    .array(ZStep)
    .min(1, "Add at least one recipient")
    .max(MAX_STEPS, `At most ${MAX_STEPS} steps in an envelope`)
    .superRefine((steps, ctx) => {
      const recipients = steps.reduce((n, s) => n + s.Recipients.length, 0);
      if (recipients > MAX_RECIPIENTS)
        ctx.addIssue({
          code: "custom",
          message: `At most ${MAX_RECIPIENTS} recipients in an envelope; this one has ${recipients}`,
        });
      const seen = new Set<number>();
      steps.forEach((s, i) => {
        if (seen.has(s.OrderIndex))
          ctx.addIssue({ code: "custom", path: [i, "OrderIndex"], message: "Each step needs its own OrderIndex" });
        seen.add(s.OrderIndex);
      });
      if (!steps.some((s) => s.RecipientType === "Signer"))
        ctx.addIssue({ code: "custom", message: "At least one step must be a Signer step" });
    }),
});

export const ZSendEnvelopeRequest = z.object({
  SspFileIds: z
    .array(z.string().uuid("A FileId from POST /api/v6/file/upload"))
    .min(1, "Upload at least one document")
    .max(20),
  SendEnvelopeDescription: ZSendEnvelopeDescription,
});
export type TSendEnvelopeRequest = z.input<typeof ZSendEnvelopeRequest>;
export type SendEnvelopeRequest = z.output<typeof ZSendEnvelopeRequest>;
export type SendStep = z.output<typeof ZStep>;
export type SendRecipient = z.output<typeof ZRecipient>;

/** The signature tasks of a step (WorkstepConfiguration.WorkstepTasks or its Policy.WorkstepTasks). */
export function signatureTasksOf(step: SendStep) {
  const tasks = [
    ...(step.WorkstepConfiguration?.WorkstepTasks?.Tasks ?? []),
    ...(step.WorkstepConfiguration?.Policy?.WorkstepTasks?.Tasks ?? []),
  ];
  return tasks.filter((t) => t.DiscriminatorType === "Signature" && t.Position && t.PositionPage);
}
