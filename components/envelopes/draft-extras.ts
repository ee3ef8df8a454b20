import type { TSendEnvelopeRequest } from "@/lib/envelopes/schema";

// What the designer does not edit but a draft made through REST may carry (status callbacks,
// DisplayedEmailSender, a recipient's LanguageCode, DisableEmail, EmailBodyExtra, AllowDelegation,
// SkipExternalDataValidation, a step's DocumentOptions and Agreements task): kept from the draft
// the designer opened, so saving there drops none of it. The keys the designer writes are its own.

const ENVELOPE_KEYS = [
  "Name",
  "EmailSubject",
  "EmailBody",
  "ExpirationInSecondsAfterSending",
  "EnableReminders",
  "FirstReminderDayAmount",
  "RecurrentReminderDayAmount",
  "BeforeExpirationDayAmount",
  "Steps",
];
const STEP_KEYS = ["OrderIndex", "RecipientType", "Recipients", "WorkstepConfiguration"];
const RECIPIENT_KEYS = [
  "Email",
  "FirstName",
  "LastName",
  "PhoneNumber",
  "DisposableCertificate",
  "AuthenticationMethods",
];

type Json = Record<string, unknown>;
type Task = { DiscriminatorType?: string };
type Step = Json & {
  Recipients: (Json & { Email: string })[];
  WorkstepConfiguration?: { WorkstepTasks?: { Tasks?: Task[] } };
};

const without = (o: object, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** The designer's request with what only the opened draft had (found by recipient email) added back. */
export function withDraftExtras(built: TSendEnvelopeRequest, draft?: TSendEnvelopeRequest): TSendEnvelopeRequest {
  if (!draft) return built;
  const was = new Map<string, { step: Step; recipient: Json }>();
  for (const step of draft.SendEnvelopeDescription.Steps as Step[])
    for (const recipient of step.Recipients) was.set(recipient.Email.trim().toLowerCase(), { step, recipient });
  const steps = (built.SendEnvelopeDescription.Steps as Step[]).map((step) => {
    const [recipient] = step.Recipients;
    const before = recipient && was.get(recipient.Email.trim().toLowerCase());
    if (!before) return step;
    // The designer places signature fields; other tasks (an Agreements task) are the draft's.
    const tasks = [
      ...(step.WorkstepConfiguration?.WorkstepTasks?.Tasks ?? []),
      ...(before.step.WorkstepConfiguration?.WorkstepTasks?.Tasks ?? []).filter(
        (t) => t.DiscriminatorType !== "Signature",
      ),
    ];
    return {
      ...without(before.step, STEP_KEYS),
      ...step,
      ...(tasks.length ? { WorkstepConfiguration: { WorkstepTasks: { Tasks: tasks } } } : {}),
      Recipients: [{ ...without(before.recipient, RECIPIENT_KEYS), ...recipient }],
    };
  });
  return {
    ...built,
    SendEnvelopeDescription: {
      ...without(draft.SendEnvelopeDescription, ENVELOPE_KEYS),
      ...built.SendEnvelopeDescription,
      Steps: steps,
    } as TSendEnvelopeRequest["SendEnvelopeDescription"],
  };
}
