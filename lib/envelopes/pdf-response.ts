import type { FileRow } from "@/db/schema";

/**
 * A stored PDF for the browser's own viewer, inline. Framed only by this app's pages (the
 * app's default headers forbid framing), never cached by shared caches, never sniffed.
 */
export function pdfResponse(file: Pick<FileRow, "content" | "name">): Response {
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "x-frame-options": "SAMEORIGIN",
      "content-security-policy": "frame-ancestors 'self'",
    },
  });
}
