import { rgb, type PDFDocument, type PDFFont, type StandardFonts } from "pdf-lib";
import type { StampConfig } from "@/db/schema";
import { utc, type SealField, type SealRecipient } from "./evidence";
import { fontFamily, safeText, wrap } from "./pdf-text";

// The stamp imprint of one signed field, drawn into the field's box on its page (PDF units from
// the lower-left corner, the seed's PdfUnits / Lower_Left): the signature itself (the drawn PNG,
// the typed name, or "Signed by click") above the lines the StampImprintConfiguration asks for,
// and the authentication line. Everything shrinks (down to 4 pt) to stay inside the box.

export const DEFAULT_STAMP: StampConfig = {
  DisplayName: true,
  DisplayEmail: true,
  DisplayIp: false,
  DisplaySignatureDate: true,
  DisplayTransactionId: false,
  DisplayPhoneNumber: false,
  FontFamily: "Helvetica",
  FontSize: 9,
};
const INK = rgb(0.08, 0.16, 0.45);
const PAD = 3;
const MIN_SIZE = 4;
const LEADING = 1.15;

/** The text lines of a field's imprint, in order. */
export function stampLines(field: SealField, recipient: SealRecipient, envelopeId: string): string[] {
  const c = field.stampConfig ?? DEFAULT_STAMP;
  return [
    c.DisplayName && recipient.name ? recipient.name : null,
    c.DisplayEmail ? recipient.email : null,
    c.DisplaySignatureDate && field.signedAt ? `Signed ${utc(field.signedAt)}` : null,
    c.DisplayIp && field.signedIp ? `IP ${field.signedIp}` : null,
    c.DisplayPhoneNumber && recipient.phone ? `Phone ${recipient.phone}` : null,
    c.DisplayTransactionId ? `Transaction ${envelopeId}` : null,
    recipient.authentication,
  ].filter((l): l is string => Boolean(l));
}

export async function stampField(
  doc: PDFDocument,
  font: (name: StandardFonts) => Promise<PDFFont>,
  field: SealField,
  recipient: SealRecipient,
  envelopeId: string,
): Promise<void> {
  const page = doc.getPage(Math.min(Math.max(field.page, 1), doc.getPageCount()) - 1);
  const family = fontFamily(field.stampConfig?.FontFamily);
  const regular = await font(family.regular);
  const italic = await font(family.italic);
  const { x, y, width, height } = field;
  const inner = { w: Math.max(width - 2 * PAD, 1), h: Math.max(height - 2 * PAD, 1) };
  const texts = stampLines(field, recipient, envelopeId);

  // The largest size, from the configured one down, at which the lines and a visible signature fit.
  let size = Math.min(field.stampConfig?.FontSize ?? DEFAULT_STAMP.FontSize, inner.h);
  let lines = texts.flatMap((t) => wrap(regular, t, size, inner.w));
  while (size > MIN_SIZE && lines.length * size * LEADING + size * 1.6 > inner.h) {
    size = Math.max(MIN_SIZE, size - 0.5);
    lines = texts.flatMap((t) => wrap(regular, t, size, inner.w));
  }
  // Still too many at the smallest size: the lines that fit are kept, the signature gets what is left.
  lines = lines.slice(0, Math.floor(inner.h / (size * LEADING)));
  const textHeight = lines.length * size * LEADING;
  const visual = { x: x + PAD, top: y + height - PAD, w: inner.w, h: Math.max(inner.h - textHeight, 0) };

  page.drawRectangle({ x, y, width, height, borderColor: INK, borderWidth: 0.75, opacity: 0, borderOpacity: 0.8 });
  if (visual.h >= MIN_SIZE) {
    if (field.signatureType === "Draw" && field.image) {
      const png = await doc.embedPng(field.image);
      const scale = Math.min(visual.w / png.width, visual.h / png.height);
      const w = png.width * scale;
      const h = png.height * scale;
      page.drawImage(png, { x: visual.x, y: visual.top - h, width: w, height: h });
    } else {
      const text = safeText(
        italic,
        field.signatureType === "Type" && field.typedText ? field.typedText : "Signed by click",
      );
      const big = Math.max(
        MIN_SIZE,
        Math.min(visual.h * 0.8, (visual.w / Math.max(italic.widthOfTextAtSize(text, 10), 1)) * 10, 28),
      );
      page.drawText(text, { x: visual.x, y: visual.top - big, size: big, font: italic, color: INK });
    }
  }
  lines.forEach((line, i) => {
    page.drawText(line, {
      x: x + PAD,
      y: y + PAD + textHeight - (i + 1) * size * LEADING + size * (LEADING - 1),
      size,
      font: regular,
      color: INK,
    });
  });
}
