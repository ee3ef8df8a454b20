// What sealing a completed envelope costs (issue 15), in process: a document of 1, 10 and 100
// pages, one signed field on every page (drawn and clicked in turn), stamped, the certificate of
// completion appended, the whole file sealed (RSA 3072, SHA-256), and the certificate alone sealed
// too: exactly what the seal worker does per envelope (sealEnvelope), without the database.
// CPU is process.cpuUsage (user + system), memory the RSS and heap after minus before, and the
// peak RSS. Each size runs RUNS times after one warm-up; the median run is reported. Target:
// 10 pages under 500 ms of CPU. Each output is checked with poppler's pdfsig when it is installed.
//   npx tsx bench/sealing.ts            (RUNS=5 PAGES=1,10,100 to change)
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { SealEvidence } from "../lib/sealing/evidence";
import { sealEnvelope, sha256Hex } from "../lib/sealing/seal-envelope";
import { getSealKey } from "../lib/sealing/seal-key";
import { signaturePng } from "../lib/testing/signature-png";
import { report, round, table } from "./lib";

const RUNS = Number(process.env.RUNS ?? 5);
const PAGES = (process.env.PAGES ?? "1,10,100").split(",").map(Number);

async function documentOf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Agreement, page ${p} of ${pages}`, { x: 72, y: 770, size: 18, font });
    for (let l = 0; l < 40; l++)
      page.drawText(`Clause ${p}.${l + 1}: the parties agree to the terms set out in this clause and the next.`, {
        x: 72,
        y: 740 - l * 15,
        size: 10,
        font,
      });
  }
  return Buffer.from(await doc.save());
}

function evidenceFor(content: Buffer, pages: number): SealEvidence {
  const now = new Date();
  const png = signaturePng();
  const signer = (id: string, name: string, email: string, authentication: string) => ({
    id,
    orderIndex: id === "r1" ? 1 : 2,
    role: "signer" as const,
    name,
    email,
    phone: null,
    certificate: { documentNumber: "C01X00T47" },
    signedAt: now,
    authentication,
  });
  return {
    envelope: {
      id: crypto.randomUUID(),
      name: "Bench",
      senderName: "Sam",
      senderEmail: "sam@example.test",
      sentAt: now,
      completedAt: now,
    },
    documents: [{ docRef: 1, name: `bench-${pages}.pdf`, sha256: sha256Hex(content), content }],
    recipients: [
      signer(
        "r1",
        "Alice Anders",
        "alice@example.com",
        `Authenticated at Demo IdP as alice@example.com, 2026-12-02 10:00:00 UTC`,
      ),
      signer("r2", "Bob Brown", "bob@example.com", "Authenticated with an access code, 2026-12-02 10:05:00 UTC"),
    ],
    fields: Array.from({ length: pages }, (_, i) => ({
      id: `f${i}`,
      recipientId: i % 2 ? "r2" : "r1",
      docRef: 1,
      page: i + 1,
      x: 72,
      y: 72,
      width: 200,
      height: 90,
      label: "Signature",
      stampConfig: null,
      signatureType: i % 2 ? ("Click2Sign" as const) : ("Draw" as const),
      image: i % 2 ? null : png,
      typedText: null,
      signedAt: now,
      signedIp: "198.51.100.7",
    })),
    authEvents: [
      {
        at: now,
        who: "Alice Anders",
        outcome: "succeeded",
        method: "identity provider",
        provider: "Demo IdP",
        subject: "sub-1 / alice@example.com",
        ip: "198.51.100.7",
        reason: null,
      },
      {
        at: now,
        who: "Bob Brown",
        outcome: "succeeded",
        method: "access code",
        provider: null,
        subject: null,
        ip: "198.51.100.8",
        reason: null,
      },
    ],
    auditHead: { stream: "envelope:bench", seq: 42, hash: "0".repeat(64) },
  };
}

const mib = (bytes: number) => round(bytes / 1024 / 1024, 1);

async function main() {
  const key = getSealKey({
    dataDir: mkdtempSync(path.join(tmpdir(), "seal-bench-")),
    sealP12: undefined,
    appUrl: "http://localhost:3000",
  });
  const results = [];
  for (const pages of PAGES) {
    const content = await documentOf(pages);
    const evidence = evidenceFor(content, pages);
    const seal = () => sealEnvelope(evidence, { key, sealedAt: new Date(), instance: "localhost:3000" });
    const coldCpu = process.cpuUsage();
    await seal(); // warm-up: JIT, fonts (its CPU is reported as the first run's)
    const cold = process.cpuUsage(coldCpu);
    const runs = [];
    let last: Awaited<ReturnType<typeof seal>> = [];
    for (let r = 0; r < RUNS; r++) {
      global.gc?.();
      const mem = process.memoryUsage();
      const cpu = process.cpuUsage();
      const t = performance.now();
      last = await seal();
      const wallMs = performance.now() - t;
      const used = process.cpuUsage(cpu);
      const after = process.memoryUsage();
      runs.push({
        cpuMs: (used.user + used.system) / 1000,
        wallMs,
        rssDelta: after.rss - mem.rss,
        heapDelta: after.heapUsed - mem.heapUsed,
        rss: after.rss,
      });
    }
    runs.sort((a, b) => a.cpuMs - b.cpuMs);
    const median = runs[Math.floor(runs.length / 2)]!;
    const sealed = last.find((o) => o.docRef === 1)!;
    let pdfsig = "not installed";
    if (existsSync("/usr/bin/pdfsig")) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "seal-bench-")), "sealed.pdf");
      writeFileSync(file, sealed.bytes);
      pdfsig = /Signature is Valid\./.test(execFileSync("/usr/bin/pdfsig", [file], { encoding: "utf8" }))
        ? "valid"
        : "INVALID";
    }
    results.push({
      pages,
      cpuMs: round(median.cpuMs, 1),
      firstRunCpuMs: round((cold.user + cold.system) / 1000, 1),
      wallMs: round(median.wallMs, 1),
      rssDeltaMiB: mib(median.rssDelta),
      heapDeltaMiB: mib(median.heapDelta),
      peakRssMiB: mib(Math.max(...runs.map((r) => r.rss))),
      inputKiB: round(content.length / 1024, 1),
      sealedKiB: round(sealed.bytes.length / 1024, 1),
      pdfsig,
    });
  }
  console.log(
    table([
      [
        "pages",
        "CPU ms",
        "1st run CPU ms",
        "wall ms",
        "RSS Δ MiB",
        "heap Δ MiB",
        "peak RSS MiB",
        "in KiB",
        "sealed KiB",
        "pdfsig",
      ],
      ...results.map((r) => [
        r.pages,
        r.cpuMs,
        r.firstRunCpuMs,
        r.wallMs,
        r.rssDeltaMiB,
        r.heapDeltaMiB,
        r.peakRssMiB,
        r.inputKiB,
        r.sealedKiB,
        r.pdfsig,
      ]),
    ]),
  );
  const ten = results.find((r) => r.pages === 10);
  if (ten) console.log(`10 pages: ${ten.cpuMs} ms CPU (target < 500 ms): ${ten.cpuMs < 500 ? "met" : "MISSED"}`);
  report("sealing", { runs: RUNS, results });
}

await main();
