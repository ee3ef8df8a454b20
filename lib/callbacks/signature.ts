import { createHmac, timingSafeEqual } from "node:crypto";

// The callback's signature (README "Status callbacks"): HMAC-SHA256, keyed with the instance's
// callback secret, over `<timestamp>.<body>` (the Unix time in seconds, a dot, the exact body),
// sent as `X-SignerAuth-Signature: t=<timestamp>,v1=<hex>`. The receiver recomputes it and
// refuses a timestamp too far from its clock (a replayed call).

export const SIGNATURE_HEADER = "X-SignerAuth-Signature";

export const signatureOf = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

export const signatureHeader = (secret: string, timestamp: number, body: string) =>
  `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;

/** The receiver's check, as documented: the header parsed, the HMAC compared in constant time, the timestamp within `toleranceSeconds`. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, t, body), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
