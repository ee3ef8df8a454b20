import { AppError } from "@/lib/errors";
import { findConversionTrap } from "./json-body";

/** The default cap of a request body: REST JSON bodies are small; uploads set their own. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (max: number, message?: string) => new AppError("payload_too_large", message ?? `The request body is larger than ${max} bytes`);

/**
 * Reads a request body, refusing it (413) as soon as it passes `max` bytes: a declared
 * Content-Length is checked first, and a chunked body is counted while it streams, so an
 * oversized upload is never held in memory whole.
 */
export async function readCappedBody(request: Request, max: number, message?: string): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > max) throw tooLarge(max, message);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max, message);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A JSON body: not JSON (or not UTF-8) is a 400, and so is a member that would make validation throw. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("bad_request", "The request body must be JSON");
  }
  const trap = findConversionTrap(body);
  if (trap) throw new AppError("validation_failed", "The request is not valid", [{ path: trap, message: "A member may not be named toString or valueOf" }]);
  return body;
}

/** A multipart or urlencoded body, already read within its cap. */
export async function parseFormBody(bytes: Uint8Array, contentType: string | null): Promise<FormData> {
  if (!contentType || !/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "Send the body as multipart/form-data");
  }
  try {
    return await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("bad_request", "The form body could not be read");
  }
}
