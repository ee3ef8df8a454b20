import { z } from "zod";
import type { RecipientAgreement, RecipientOptions, ReminderSettings } from "@/db/schema";

// The seed's SendEnvelopeDescription fields of the envelope's life (issue 17), kept apart from
// schema.ts so that it spreads them in with one line: status callbacks, reminders, the sender's
// displayed name. Pure zod, shared by the REST API and the designer.

const httpUrl = (v: string) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};
const ZCallbackUrl = z
  .string()
  .trim()
  .max(2000, "At most 2000 characters")
  .refine((v) => v === "" || httpUrl(v), "An absolute http(s) URL, or empty for none")
  .default("");

const days = (what: string, fallback: number, min: number) =>
  z
    .number({ message: `${what} in whole days` })
    .int("Whole days")
    .min(min, `At least ${min}`)
    .max(365, "At most 365 days")
    .default(fallback);

// Seed fields this app does not act on: accepted only when they ask for nothing (false, empty),
// so that nothing an integrator sets is silently dropped.
export const NOT_SUPPORTED = "is not supported by this app: leave it false or empty";
const off = z
  .boolean()
  .optional()
  .refine((v) => !v, NOT_SUPPORTED);
const none = z
  .array(z.unknown())
  .optional()
  .refine((v) => !v?.length, NOT_SUPPORTED);
const noForms = z
  .object({ Forms: z.record(z.string(), z.unknown()).optional() })
  .optional()
  .refine((v) => !v?.Forms || Object.keys(v.Forms).length === 0, NOT_SUPPORTED);

/** Envelope-level fields; spread into ZSendEnvelopeDescription. */
export const LIFECYCLE_FIELDS = {
  // The sender's name as the signers' mails show it (else the sender's own name).
  DisplayedEmailSender: z.string().trim().max(200, "At most 200 characters").default(""),
  LockFormFieldsAtEnvelopeFinish: off,
  AttachSignedDocumentsToEnvelopeLog: off,
  AddFormFields: noForms,
  OverrideFormFieldValues: noForms,
  // Reminder mails to the signers whose turn it is (lib/envelopes/reminders.ts); the seed's defaults.
  EnableReminders: z.boolean().default(false),
  FirstReminderDayAmount: days("Days after the invitation for the first reminder", 5, 1),
  RecurrentReminderDayAmount: days("Days between further reminders (0: none)", 3, 0),
  BeforeExpirationDayAmount: days("Days before the expiry for a last reminder (0: none)", 3, 0),
  // Called on every status change (README "Status callbacks").
  StatusUpdateCallbackUrl: ZCallbackUrl,
  // Called when the envelope is completed.
  CallbackUrl: ZCallbackUrl,
};

type Lifecycle = z.output<z.ZodObject<typeof LIFECYCLE_FIELDS>>;

/** The envelope columns these fields set (create and draft update write the same). */
export const lifecycleColumns = (d: Lifecycle) => ({
  statusCallbackUrl: d.StatusUpdateCallbackUrl || null,
  completionCallbackUrl: d.CallbackUrl || null,
  displayedSender: d.DisplayedEmailSender || null,
  reminders: d.EnableReminders
    ? {
        first: d.FirstReminderDayAmount,
        recurrent: d.RecurrentReminderDayAmount,
        beforeExpiration: d.BeforeExpirationDayAmount,
      }
    : null,
});

/** The same fields read back from the envelope row (GET of a draft, the designer). */
export const lifecycleJson = (e: {
  statusCallbackUrl: string | null;
  completionCallbackUrl: string | null;
  reminders: ReminderSettings | null;
  displayedSender: string | null;
}) => ({
  DisplayedEmailSender: e.displayedSender ?? "",
  StatusUpdateCallbackUrl: e.statusCallbackUrl ?? "",
  CallbackUrl: e.completionCallbackUrl ?? "",
  EnableReminders: e.reminders !== null,
  FirstReminderDayAmount: e.reminders?.first ?? 5,
  RecurrentReminderDayAmount: e.reminders?.recurrent ?? 3,
  BeforeExpirationDayAmount: e.reminders?.beforeExpiration ?? 3,
});

const ZLocalized = z
  .array(
    z.object({
      Language: z.string().trim().min(1, "A language code, or * for any other").max(20),
      Value: z.string().max(20_000, "At most 20000 characters"),
    }),
  )
  .max(50);

/** Fields of a WorkstepTasks task: an "Agreements" task's texts and headings by language. */
export const TASK_LIFECYCLE_FIELDS = {
  Texts: ZLocalized.optional(),
  Headings: ZLocalized.optional(),
  UseTimestamp: off,
};

/** WorkstepConfiguration fields this app does not act on when set. */
export const WORKSTEP_LIFECYCLE_FIELDS = {
  FinishAction: z.object({ ServerActions: none, ClientActions: none }).optional(),
  TransactionCodeConfigurations: none,
  ViewerPreferences: z
    .object({
      FinishWorkstepOnOpen: off,
      VisibleAreaOptions: z.object({ Enabled: off }).optional(),
    })
    .optional(),
};

/** Recipient-level fields; spread into ZRecipient. */
export const RECIPIENT_LIFECYCLE_FIELDS = {
  // No invitation (nor any other) mail: the sender reads the signing link over REST (GET envelope, SigningUrl).
  DisableEmail: z.boolean().default(false),
  // Appended to this recipient's invitation.
  EmailBodyExtra: z.string().max(5000, "At most 5000 characters").default(""),
  // The signer may hand the signing over to another person, who authenticates with the same methods.
  AllowDelegation: z.boolean().default(false),
  // The provider's Validate mappings are skipped for this recipient (audited).
  SkipExternalDataValidation: z.boolean().default(false),
  AddAndroidAppLink: off,
  AddIosAppLink: off,
  AddWindowsAppLink: off,
  AllowAccessFinishedWorkstep: off,
  IdentificationMethods: none,
};

/** Step-level fields; spread into ZStep. */
export const STEP_LIFECYCLE_FIELDS = {
  // Appended to the invitation of every recipient of the step (before the recipient's own).
  EmailBodyExtra: z.string().max(5000, "At most 5000 characters").default(""),
  // IsHidden: the step's recipients do not see that document.
  DocumentOptions: z
    .array(z.object({ DocumentReference: z.coerce.number().int().min(1), IsHidden: z.boolean().default(false) }))
    .max(20)
    .default([]),
  // The default agreement (Settings → Agreements Configuration) instead of the step's Agreements task.
  UseDefaultAgreements: z.boolean().default(false),
};

type StepLike = {
  UseDefaultAgreements: boolean;
  WorkstepConfiguration?: {
    WorkstepTasks?: { Tasks: TaskLike[] };
    Policy?: { WorkstepTasks?: { Tasks: TaskLike[] } };
  };
};
type TaskLike = { DiscriminatorType?: string } & Partial<Record<"Texts" | "Headings", z.output<typeof ZLocalized>>>;

/** The agreement a step's signers see: its Agreements task, unless UseDefaultAgreements (null: the default one). */
export function stepAgreement(step: StepLike): RecipientAgreement | null {
  if (step.UseDefaultAgreements) return null;
  const task = [
    ...(step.WorkstepConfiguration?.WorkstepTasks?.Tasks ?? []),
    ...(step.WorkstepConfiguration?.Policy?.WorkstepTasks?.Tasks ?? []),
  ].find((t) => t.DiscriminatorType === "Agreements" && t.Texts?.some((x) => x.Value.trim()));
  return task ? { texts: task.Texts ?? [], headings: task.Headings ?? [] } : null;
}

/** The options a recipient row keeps from its step and its own fields. */
export function recipientOptions(
  step: { EmailBodyExtra: string; DocumentOptions: { DocumentReference: number; IsHidden: boolean }[] },
  r: z.output<z.ZodObject<typeof RECIPIENT_LIFECYCLE_FIELDS>>,
): RecipientOptions {
  const extra = [step.EmailBodyExtra, r.EmailBodyExtra].map((x) => x.trim()).filter(Boolean);
  const hidden = step.DocumentOptions.filter((o) => o.IsHidden).map((o) => o.DocumentReference);
  return {
    ...(r.DisableEmail ? { disableEmail: true } : {}),
    ...(extra.length ? { emailBodyExtra: extra.join("\n\n") } : {}),
    ...(r.AllowDelegation ? { allowDelegation: true } : {}),
    ...(r.SkipExternalDataValidation ? { skipExternalDataValidation: true } : {}),
    ...(hidden.length ? { hiddenDocs: hidden } : {}),
  };
}
