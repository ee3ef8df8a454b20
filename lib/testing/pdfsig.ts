import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// The real verifier: poppler's pdfsig (Debian poppler-utils, installed by scripts/test-all.sh),
// and pdftotext to read the stamped text back. A missing tool fails the test, never skips it.

const PDFSIG = "/usr/bin/pdfsig";
const PDFTOTEXT = "/usr/bin/pdftotext";

function need(tool: string) {
  if (!existsSync(tool))
    throw new Error(
      `${tool} is missing: install poppler-utils (apt-get install poppler-utils); the sealing tests need it`,
    );
}

const tmp = (bytes: Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "seal-")), "doc.pdf");
  writeFileSync(file, bytes);
  return file;
};

/** pdfsig's report on a PDF (it exits 0 whether the signature is valid or not: read the text). */
export function pdfsig(bytes: Buffer): string {
  need(PDFSIG);
  return execFileSync(PDFSIG, [tmp(bytes)], { encoding: "utf8" });
}

/** The PDF's text, page by page (form feeds between pages), layout kept. */
export function pdftotext(bytes: Buffer, opts: { first?: number; last?: number } = {}): string {
  need(PDFTOTEXT);
  const range = [...(opts.first ? ["-f", String(opts.first)] : []), ...(opts.last ? ["-l", String(opts.last)] : [])];
  return execFileSync(PDFTOTEXT, ["-layout", ...range, tmp(bytes), "-"], { encoding: "utf8" });
}
