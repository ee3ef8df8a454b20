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

/** As lib/errors' formatPath (which is server-only): `$.Steps[0].Email`. */
export const formatPath = (path: ReadonlyArray<PropertyKey>) =>
  path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${String(p)}`), "$");
