import { rgb, StandardFonts, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";
import { DATA_FIELDS } from "@/lib/oauth/provider-config";
import { utc, type SealEvidence } from "./evidence";
import { wrap } from "./pdf-text";
import { APP_NAME, type SealKey } from "./seal-key";

// The certificate of completion, appended as A4 pages: the envelope, each original document with
// its SHA-256, each recipient (role, disposable-certificate data, authentication), every
// authentication event, each signature, the audit chain's head, and the seal certificate.

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const SIZE = 9;
const GREY = rgb(0.35, 0.35, 0.35);

export const CERTIFICATE_TITLE = "Certificate of completion";

/** A disposable-certificate field's name ("Document number"); an unknown key as it is. */
const certificateLabel = (key: string) =>
  (DATA_FIELDS as Record<string, { label: string } | undefined>)[key]?.label
    .replace(/^Disposable Certificate /, "")
    .replace(/^./, (c) => c.toUpperCase()) ?? key;

class Writer {
  private page!: PDFPage;
  private y = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.newPage();
  }
  private newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    this.page.drawText(this.footer, { x: MARGIN, y: MARGIN / 2, size: 7, font: this.regular, color: GREY });
  }
  private need(h: number) {
    if (this.y - h < MARGIN) this.newPage();
  }
  title(text: string) {
    this.need(30);
    this.page.drawText(text, { x: MARGIN, y: this.y - 18, size: 18, font: this.bold });
    this.y -= 30;
  }
  heading(text: string) {
    this.need(28);
    this.y -= 8;
    this.page.drawText(text, { x: MARGIN, y: this.y - 12, size: 12, font: this.bold });
    this.y -= 18;
  }
  /** A paragraph, indented by `indent`, with an optional bold label before it. */
  line(text: string, opts: { label?: string; indent?: number; font?: PDFFont } = {}) {
    const x = MARGIN + (opts.indent ?? 0);
    const width = A4[0] - MARGIN - x;
    const label = opts.label ? `${opts.label}: ` : "";
    const labelWidth = label ? this.bold.widthOfTextAtSize(label, SIZE) : 0;
    const lines = wrap(opts.font ?? this.regular, text, SIZE, width - labelWidth);
    lines.forEach((l, i) => {
      this.need(SIZE * 1.4);
      if (i === 0 && label) this.page.drawText(label, { x, y: this.y - SIZE, size: SIZE, font: this.bold });
      this.page.drawText(l, { x: x + labelWidth, y: this.y - SIZE, size: SIZE, font: opts.font ?? this.regular });
      this.y -= SIZE * 1.4;
    });
  }
  gap() {
    this.y -= SIZE * 0.6;
  }
}

/** Appends the certificate pages to `doc`. */
export async function appendCertificate(
  doc: PDFDocument,
  ev: SealEvidence,
  seal: { key: SealKey; sealedAt: Date; instance: string },
): Promise<void> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const w = new Writer(
    doc,
    regular,
    bold,
    `${CERTIFICATE_TITLE} · envelope ${ev.envelope.id} · sealed ${utc(seal.sealedAt)} by ${APP_NAME} (${seal.instance})`,
  );
  const byId = new Map(ev.recipients.map((r) => [r.id, r]));

  w.title(CERTIFICATE_TITLE);
  w.line(ev.envelope.name, { label: "Envelope" });
  w.line(ev.envelope.id, { label: "Envelope id", font: mono });
  w.line(`${ev.envelope.senderName ? `${ev.envelope.senderName} ` : ""}<${ev.envelope.senderEmail}>`, {
    label: "Sender",
  });
  if (ev.envelope.sentAt) w.line(utc(ev.envelope.sentAt), { label: "Sent" });
  if (ev.envelope.completedAt) w.line(utc(ev.envelope.completedAt), { label: "Completed" });

  w.heading("Documents");
  for (const d of ev.documents) {
    w.line(d.name, { label: `Document ${d.docRef}` });
    w.line(d.sha256, { label: "SHA-256 of the original", indent: 12, font: mono });
  }

  w.heading("Recipients");
  for (const r of ev.recipients) {
    w.line(`${r.name ? `${r.name} ` : ""}<${r.email}>`, {
      label: `Step ${r.orderIndex}, ${r.role === "cc" ? "Cc" : "Signer"}`,
    });
    if (r.phone) w.line(r.phone, { label: "Phone", indent: 12 });
    if (r.role === "signer")
      w.line(r.authentication ?? "No authentication required", { label: "Authentication", indent: 12 });
    if (r.signedAt) w.line(utc(r.signedAt), { label: "Finished signing", indent: 12 });
    const data = Object.entries(r.certificate).filter(([, v]) => typeof v === "string" && v.trim());
    if (data.length) {
      w.line("", { label: "Disposable certificate", indent: 12 });
      for (const [k, v] of data) w.line(v, { label: certificateLabel(k), indent: 24 });
    }
    w.gap();
  }

  w.heading("Authentication events");
  if (!ev.authEvents.length) w.line("None: no recipient had to authenticate.");
  for (const a of ev.authEvents) {
    const parts = [
      `${a.who}: ${a.method}${a.provider ? ` '${a.provider}'` : ""} ${a.outcome}`,
      a.subject ? `subject ${a.subject}` : null,
      a.ip ? `IP ${a.ip}` : null,
      a.reason,
    ].filter(Boolean);
    w.line(parts.join(", "), { label: utc(a.at) });
  }

  w.heading("Signatures");
  const signed = ev.fields.filter((f) => f.signedAt).sort((a, b) => a.signedAt!.getTime() - b.signedAt!.getTime());
  for (const f of signed) {
    const r = byId.get(f.recipientId);
    const how =
      f.signatureType === "Draw" ? "drawn" : f.signatureType === "Type" ? `typed "${f.typedText ?? ""}"` : "by click";
    w.line(
      `${r ? r.name || r.email : f.recipientId}, ${how}, document ${f.docRef} page ${f.page} ('${f.label}'), IP ${f.signedIp ?? "unknown"}`,
      { label: utc(f.signedAt!) },
    );
  }

  w.heading("Audit trail");
  if (ev.auditHead) {
    w.line(ev.auditHead.stream, { label: "Stream", font: mono });
    w.line(`${ev.auditHead.seq}`, { label: "Head sequence number at sealing" });
    w.line(ev.auditHead.hash, { label: "Head hash at sealing", font: mono });
  } else w.line("No audit events for this envelope.");

  w.heading("Seal");
  w.line(
    `${seal.key.subject} (${seal.key.source === "generated" ? "self-signed, generated by this instance" : "configured"})`,
    {
      label: "Seal certificate",
    },
  );
  w.line(seal.key.fingerprint, { label: "SHA-256 fingerprint", font: mono });
  w.line(utc(seal.sealedAt), { label: "Sealed" });
  w.line(
    "The seal is a PDF signature over the whole file: any change after sealing makes it invalid. It proves the file is as this instance sealed it, not who the signers are beyond the evidence above.",
    { font: regular },
  );
}
