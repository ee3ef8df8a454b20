import { AppError } from "@/lib/errors";
import { readCappedStream } from "@/lib/net/read-capped";
import { findConversionTrap } from "./json-body";

/** The default cap of a request body: REST JSON bodies are small; uploads set their own. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (max: number, message?: string) =>
  new AppError("payload_too_large", message ?? `The request body is larger than ${max} bytes`);

/** A request body, refused (413) as soon as it passes `max` bytes, declared or chunked: an oversized upload is never held whole. */
export async function readCappedBody(request: Request, max: number, message?: string): Promise<Uint8Array> {
  return readCappedStream(request.body, request.headers.get("content-length"), max, () => tooLarge(max, message));
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
  if (trap)
    throw new AppError("validation_failed", "The request is not valid", [
      { path: trap, message: "A member may not be named toString or valueOf" },
    ]);
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
