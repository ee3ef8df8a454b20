import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, in the emailed link only; the database keeps its sha256. */
export const newLinkToken = () => randomBytes(32).toString("base64url");
export const hashLinkToken = (token: string) => createHash("sha256").update(token).digest("base64url");
export const isLinkTokenShape = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
