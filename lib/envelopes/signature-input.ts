import { PDFDocument } from "pdf-lib";
import type { SignatureType } from "@/db/schema";
import { AppError } from "@/lib/errors";

// What a signer gives for one signature field: a click, a drawn PNG (signature_pad's data URL) or
// a typed name. Checked here before anything is stored, so the sealing never meets a bad image.

export type SignatureInput = { type: "Click2Sign" } | { type: "Draw"; png: string } | { type: "Type"; text: string };

export const MAX_SIGNATURE_PNG_BYTES = 300 * 1024;
export const MAX_TYPED_SIGNATURE = 100;
// A drawn signature is a small picture; a bigger one could decompress to far more than its bytes.
const MAX_PNG_SIDE = 4000;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DATA_URL_PREFIX = "data:image/png;base64,";

export type CheckedSignature = { type: SignatureType; image: Buffer | null; text: string | null };

const bad = (message: string) => new AppError("validation_failed", message, [{ path: "signature", message }]);

/** The drawn PNG's bytes, refused unless it is a real PNG within the size limits that pdf-lib can embed. */
export async function decodeSignaturePng(dataUrl: string): Promise<Buffer> {
  if (!dataUrl.startsWith(DATA_URL_PREFIX)) throw bad("A drawn signature is a data:image/png;base64,… URL");
  const b64 = dataUrl.slice(DATA_URL_PREFIX.length);
  if (b64.length > Math.ceil((MAX_SIGNATURE_PNG_BYTES * 4) / 3) + 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64))
    throw bad(`A drawn signature is base64 of at most ${MAX_SIGNATURE_PNG_BYTES / 1024} KB`);
  const png = Buffer.from(b64, "base64");
  if (png.length > MAX_SIGNATURE_PNG_BYTES)
    throw bad(`A drawn signature is at most ${MAX_SIGNATURE_PNG_BYTES / 1024} KB`);
  // Signature, then the IHDR chunk (length 13) with width and height.
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC) || png.toString("latin1", 12, 16) !== "IHDR")
    throw bad("The drawn signature is not a PNG image");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (!width || !height || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE)
    throw bad(`A drawn signature is at most ${MAX_PNG_SIDE} × ${MAX_PNG_SIDE} pixels`);
  try {
    await (await PDFDocument.create()).embedPng(png);
  } catch {
    throw bad("The drawn signature is not a readable PNG image");
  }
  return png;
}

/** Checks a signature against the types the field allows; answers what to store. */
export async function checkSignature(
  signature: SignatureInput,
  allowed: readonly SignatureType[],
): Promise<CheckedSignature> {
  if (!allowed.includes(signature.type))
    throw new AppError(
      "conflict",
      `This field cannot be signed by ${describeType(signature.type)}; it allows ${allowed.map(describeType).join(", ")}`,
    );
  if (signature.type === "Draw") return { type: "Draw", image: await decodeSignaturePng(signature.png), text: null };
  if (signature.type === "Type") {
    const text = signature.text.trim();
    if (!text || text.length > MAX_TYPED_SIGNATURE) throw bad(`Type your name: 1 to ${MAX_TYPED_SIGNATURE} characters`);
    return { type: "Type", image: null, text };
  }
  return { type: "Click2Sign", image: null, text: null };
}

export const describeType = (t: SignatureType) =>
  t === "Draw" ? "drawing" : t === "Type" ? "typing your name" : "clicking";
