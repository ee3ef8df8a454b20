import { z } from "zod";
import type { RecipientAgreement, ReminderSettings } from "@/db/schema";

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

/** Envelope-level fields; spread into ZSendEnvelopeDescription. */
export const LIFECYCLE_FIELDS = {
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
}) => ({
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
export const TASK_LIFECYCLE_FIELDS = { Texts: ZLocalized.optional(), Headings: ZLocalized.optional() };

/** Step-level fields; spread into ZStep. */
export const STEP_LIFECYCLE_FIELDS = {
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
