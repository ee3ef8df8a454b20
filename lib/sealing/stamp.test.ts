import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { StampConfig } from "@/db/schema";
import { samplePdf } from "@/lib/envelopes/pdf";
import { pdfWords, type Word } from "@/lib/testing/pdfsig";
import { signaturePng } from "@/lib/testing/signature-png";
import type { SealEvidence, SealField } from "./evidence";
import { sealEnvelope } from "./seal-envelope";
import { getSealKey } from "./seal-key";

// Each imprint lands inside its field's box on its page (PDF units from the lower-left corner),
// whatever the box's size: read back by poppler's pdftotext with word boxes (origin top-left).

const PAGE_HEIGHT = 842;
const key = () =>
  getSealKey({
    dataDir: mkdtempSync(path.join(tmpdir(), "seal-stamp-")),
    sealP12: undefined,
    appUrl: "http://localhost:3000",
  });

async function twoPages(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const one = await PDFDocument.load(samplePdf("Page one"));
  const two = await PDFDocument.load(samplePdf("Page two"));
  doc.addPage((await doc.copyPages(one, [0]))[0]!);
  doc.addPage((await doc.copyPages(two, [0]))[0]!);
  return Buffer.from(await doc.save());
}

function evidence(content: Buffer, fields: Partial<SealField>[]): SealEvidence {
  const now = new Date("2026-12-02T10:00:00Z");
  return {
    envelope: {
      id: "6f1c1f9e-5b4e-4a59-9a36-3a0d7c3c1e01",
      name: "Stamps",
      senderName: "Sam",
      senderEmail: "sam@example.test",
      sentAt: now,
      completedAt: now,
    },
    documents: [{ docRef: 1, name: "two.pdf", sha256: "0".repeat(64), content }],
    recipients: [
      {
        id: "r1",
        orderIndex: 1,
        role: "signer",
        name: "Zelda Zimmer",
        email: "zelda@example.test",
        phone: "+41790000000",
        certificate: {},
        signedAt: now,
        authentication: "Authenticated at Demo IdP as zelda@example.test, 2026-12-02 09:59:00 UTC",
      },
    ],
    fields: fields.map((f, i) => ({
      id: `f${i}`,
      recipientId: "r1",
      docRef: 1,
      page: 1,
      x: 72,
      y: 72,
      width: 200,
      height: 90,
      label: "Signature",
      stampConfig: null,
      signatureType: "Click2Sign",
      image: null,
      typedText: null,
      signedAt: now,
      signedIp: "203.0.113.9",
      ...f,
    })),
    authEvents: [],
    auditHead: null,
  };
}

/** Every word drawn inside the box (with half a point of rounding), as poppler reports it. */
const inside = (words: Word[], f: { x: number; y: number; width: number; height: number }) =>
  words.filter(
    (w) =>
      w.xMin >= f.x - 0.5 &&
      w.xMax <= f.x + f.width + 0.5 &&
      w.yMin >= PAGE_HEIGHT - (f.y + f.height) - 0.5 &&
      w.yMax <= PAGE_HEIGHT - f.y + 0.5,
  );

describe("stamp imprints", () => {
  it("put each imprint inside its field on its page, as the StampImprintConfiguration asks", async () => {
    const typed = {
      page: 2,
      x: 300,
      y: 500,
      width: 220,
      height: 110,
      signatureType: "Type" as const,
      typedText: "Zelda Z.",
    };
    const drawn = {
      page: 1,
      x: 60,
      y: 600,
      width: 200,
      height: 90,
      signatureType: "Draw" as const,
      image: signaturePng(),
    };
    const tiny = { page: 1, x: 350, y: 100, width: 90, height: 30 };
    const everything: StampConfig = {
      DisplayName: true,
      DisplayEmail: false,
      DisplayIp: true,
      DisplaySignatureDate: true,
      DisplayTransactionId: true,
      DisplayPhoneNumber: true,
      FontFamily: "Times New Roman",
      FontSize: 7,
    };
    const [sealed] = await sealEnvelope(
      evidence(await twoPages(), [{ ...typed, stampConfig: everything }, drawn, tiny]),
      {
        key: key(),
        sealedAt: new Date(),
        instance: "localhost:3000",
      },
    );
    const page1 = pdfWords(sealed!.bytes, 1);
    const page2 = pdfWords(sealed!.bytes, 2);

    const onTyped = inside(page2, typed)
      .map((w) => w.text)
      .join(" ");
    expect(onTyped).toContain("Zelda Z.");
    expect(onTyped).toContain("Zelda Zimmer");
    expect(onTyped).toContain("IP 203.0.113.9");
    expect(onTyped).toContain("Phone +41790000000");
    expect(onTyped).toContain("Transaction 6f1c1f9e-5b4e-4a59-9a36-3a0d7c3c1e01");
    expect(onTyped).toContain("Signed 2026-12-02 10:00:00 UTC");
    // DisplayEmail false: no email line after the name (only the authentication line names it).
    expect(onTyped).toContain("Zelda Zimmer Signed 2026-12-02 10:00:00 UTC");
    expect(onTyped).toMatch(/Authenticated at Demo IdP as/);

    // The defaults: name, email, date and the authentication line; no IP, phone or transaction.
    const onDrawn = inside(page1, drawn)
      .map((w) => w.text)
      .join(" ");
    expect(onDrawn).toContain("Zelda Zimmer zelda@example.test Signed 2026-12-02 10:00:00 UTC");
    expect(onDrawn).toContain("Authenticated at Demo IdP");
    expect(onDrawn).not.toContain("203.0.113.9");
    expect(onDrawn).not.toContain("Transaction");

    // A tiny box: what is drawn stays inside it (smaller type, lines that do not fit left out).
    const stampWords = page1.filter((w) => w.yMax > PAGE_HEIGHT - 400 && w.xMax >= 300);
    expect(stampWords.length).toBeGreaterThan(0);
    expect(inside(stampWords, tiny)).toEqual(stampWords);
    // No imprint text strays onto page 2's field area from page 1's fields, or the other way.
    expect(inside(page1, typed)).toEqual([]);
  });
});
