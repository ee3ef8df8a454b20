// Renders public/logo.svg in Chromium and writes public/favicon.ico (PNG images at 16, 32 and 48 px,
// the ICO container every browser reads). Run after changing the logo: `npx tsx scripts/make-favicon.ts`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..");
const svg = readFileSync(path.join(root, "public/logo.svg"), "utf8");
const SIZES = [16, 32, 48];

/** ICONDIR, one ICONDIRENTRY per image, then the PNGs (ICO may hold PNG data since Windows Vista). */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size % 256, at);
    header.writeUInt8(size % 256, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const images = [];
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
    );
    images.push({ size, png: await page.screenshot({ omitBackground: true }) });
    await page.close();
  }
  writeFileSync(path.join(root, "public/favicon.ico"), icoOf(images));
  const large = await browser.newPage({ viewport: { width: 180, height: 180 } });
  await large.setContent(`<style>html,body{margin:0}svg{width:180px;height:180px;display:block}</style>${svg}`);
  writeFileSync(path.join(root, "public/apple-touch-icon.png"), await large.screenshot({ omitBackground: true }));
  console.log(`public/favicon.ico: ${SIZES.join(", ")} px; public/apple-touch-icon.png: 180 px`);
} finally {
  await browser.close();
}
