import { z } from "zod";

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

/** Envelope-level fields; spread into ZSendEnvelopeDescription. */
export const LIFECYCLE_FIELDS = {
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
});

/** The same fields read back from the envelope row (GET of a draft, the designer). */
export const lifecycleJson = (e: { statusCallbackUrl: string | null; completionCallbackUrl: string | null }) => ({
  StatusUpdateCallbackUrl: e.statusCallbackUrl ?? "",
  CallbackUrl: e.completionCallbackUrl ?? "",
});
