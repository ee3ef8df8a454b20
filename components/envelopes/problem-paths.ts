import { CERTIFICATE_LABELS, type CertificateKey } from "@/lib/envelopes/disposable-certificate";

// Where a problem the schema or the API reports sits in the designer: the path of a zod issue as the
// API names it, and that path as the sender finds it in the form.

/** "$.SendEnvelopeDescription.Steps[0].Recipients[0].Email" → "Recipient 1 · Email": what a sender can find in the form. */
export function describePath(path: string): string {
  const step = /Steps\[(\d+)\]/.exec(path);
  const last =
    path
      .split(".")
      .at(-1)
      ?.replace(/\[\d+\]$/, "") ?? "";
  const label =
    {
      SspFileIds: "Document",
      Name: "Envelope name",
      Email: "Email",
      PhoneNumber: "Mobile phone",
      Parameter: "Authentication",
      CustomValues: "Custom validation value",
      FilterValue: "Filter value",
      FilterId: "Filter field",
      ExpirationInSecondsAfterSending: "Expires after (days)",
    }[last] ?? last;
  if (path.includes(".DisposableCertificate.")) {
    const field = CERTIFICATE_LABELS[last as CertificateKey] ?? last;
    return `Recipient ${Number(step?.[1] ?? 0) + 1} · Disposable certificate · ${field}`;
  }
  return step ? `Recipient ${Number(step[1]) + 1} · ${label}` : label;
}

const TOP: Record<string, string> = {
  Name: "name",
  EmailSubject: "subject",
  EmailBody: "message",
  ExpirationInSecondsAfterSending: "expiresInDays",
};
const RECIPIENT: Record<string, string> = {
  Email: "email",
  FirstName: "firstName",
  LastName: "lastName",
  PhoneNumber: "phone",
};

/**
 * The designer's form field an API or schema path lands on, or null (the banner lists it):
 * "$.SendEnvelopeDescription.Steps[1].Recipients[0].Email" → "recipients.1.email". The designer
 * sends one recipient per step, in recipient order, so a step's index is the recipient's.
 */
export function designerFieldOf(path: string, accessCodeOn: (recipient: number) => boolean): string | null {
  const top = /^\$\.SendEnvelopeDescription\.(\w+)$/.exec(path);
  if (top) return TOP[top[1]!] ?? null;
  const m = /^\$\.SendEnvelopeDescription\.Steps\[(\d+)\]\.Recipients\[0\]\.(.+)$/.exec(path);
  if (!m) return null;
  const [i, rest] = [Number(m[1]), m[2]!];
  if (RECIPIENT[rest]) return `recipients.${i}.${RECIPIENT[rest]}`;
  const certificate = /^DisposableCertificate\.(\w+)$/.exec(rest);
  if (certificate && certificate[1]! in CERTIFICATE_LABELS) return `recipients.${i}.certificate.${certificate[1]}`;
  // The access code is the first method the designer sends when it is on.
  if (rest === "AuthenticationMethods[0].Parameter" && accessCodeOn(i)) return `recipients.${i}.accessCode`;
  return null;
}

/** The banner's title for a refused save: how many problems, and that they are marked at their fields. */
export function refusalTitle(problems: number, marked: number): string {
  if (problems === 0) return "";
  const what = problems === 1 ? "1 problem" : `${problems} problems`;
  if (marked === problems)
    return `Not saved: ${what}, marked at ${problems === 1 ? "its field" : "their fields"} below.`;
  return `Not saved: ${what}. Each is listed here${marked ? "; those with a field are marked at it" : ""}.`;
}

/** As lib/errors' formatPath (which is server-only): `$.Steps[0].Email`. */
export const formatPath = (path: ReadonlyArray<PropertyKey>) =>
  path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${String(p)}`), "$");
