import { PDFDocument } from "pdf-lib";
import { MAX_PDF_BYTES } from "./schema";

// What the app checks of an uploaded PDF before storing it: the real file signature (not the
// name or the browser's content type), the size limit, an end-of-file marker, and the page
// sizes a signature field is placed on. It never renders or executes anything in the file.

export type PdfCheck = { ok: true; pages: [number, number][] } | { ok: false; reason: string };

const A4: [number, number] = [595, 842];

export function checkPdf(bytes: Buffer): PdfCheck {
  if (bytes.length === 0) return { ok: false, reason: "The file is empty" };
  if (bytes.length > MAX_PDF_BYTES)
    return { ok: false, reason: `The file is larger than ${MAX_PDF_BYTES / (1024 * 1024)} MB` };
  // %PDF- within the first 1024 bytes (ISO 32000-1 7.5.2 allows leading bytes, readers look that far).
  const head = bytes.subarray(0, 1024).toString("latin1");
  if (!/%PDF-[12]\.\d/.test(head)) return { ok: false, reason: "The file is not a PDF document" };
  if (
    !bytes
      .subarray(Math.max(0, bytes.length - 2048))
      .toString("latin1")
      .includes("%%EOF")
  )
    return { ok: false, reason: "The PDF document is incomplete (no end-of-file marker)" };
  return { ok: true, pages: pageSizes(bytes.toString("latin1")) };
}

/** Page sizes from the page objects' MediaBox (or the first one found), at least one page. */
function pageSizes(pdf: string): [number, number][] {
  const count = (pdf.match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/g)].map(
    (m) => {
      const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
      return [Math.abs(x1 - x0), Math.abs(y1 - y0)] as [number, number];
    },
  );
  const valid = boxes.filter(([w, h]) => w > 0 && h > 0 && w < 15000 && h < 15000);
  const fallback = valid[0] ?? A4;
  const pages = Math.min(Math.max(count, 1), 2000);
  // Compressed object streams hide page objects from this scan: then one page of the first size.
  return Array.from({ length: pages }, (_, i) => (valid.length === pages ? valid[i]! : fallback));
}

/**
 * The page sizes as a PDF parser reads them (pdf-lib: object streams and cross-reference streams
 * included, which hide page objects from checkPdf's scan), or null when it cannot parse the file.
 * A field may be placed on every page the designer shows, so the stored page list must be this one.
 */
export async function readPageSizes(bytes: Buffer): Promise<[number, number][] | null> {
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    const pages = pdf.getPages().slice(0, 2000);
    return pages.length ? pages.map((p) => [Math.round(p.getWidth()), Math.round(p.getHeight())]) : null;
  } catch {
    return null;
  }
}

/** A minimal valid one-page PDF with a line of text (tests, demo data). */
export function samplePdf(title = "Sample agreement", width = 595, height = 842): Buffer {
  const esc = title.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 24 Tf 72 ${height - 100} Td (${esc}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
