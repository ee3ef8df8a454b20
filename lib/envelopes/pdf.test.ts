import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { checkPdf, readPageSizes, samplePdf } from "./pdf";

describe("page sizes of an uploaded PDF", () => {
  it("reads every page of a PDF written with object streams, which the byte scan counts as one", async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    pdf.addPage([612, 792]);
    pdf.addPage([300.4, 400.6]);
    const bytes = Buffer.from(await pdf.save({ useObjectStreams: true }));
    const scan = checkPdf(bytes);
    expect(scan.ok && scan.pages).toHaveLength(1);
    expect(await readPageSizes(bytes)).toEqual([
      [595, 842],
      [612, 792],
      [300, 401],
    ]);
  });

  it("agrees with the scan on a plain PDF, and gives up (null) on what it cannot parse", async () => {
    expect(await readPageSizes(samplePdf("x", 400, 500))).toEqual([[400, 500]]);
    expect(await readPageSizes(Buffer.from("%PDF-1.4\nnot really\n%%EOF\n"))).toBeNull();
  });
});
