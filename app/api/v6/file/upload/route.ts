// POST /api/v6/file/upload: store a PDF (multipart field "file") → { FileId }
import { requireAnyApi } from "@/lib/users/require-any-api";
import { MAX_PDF_BYTES } from "@/lib/envelopes/schema";
import { storeFile } from "@/lib/envelopes/store-file";
import { AppError, toErrorResponse } from "@/lib/errors";

export async function POST(request: Request) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes"]);
    // Refuse an oversized body before reading it.
    if (Number(request.headers.get("content-length") ?? 0) > MAX_PDF_BYTES + 64 * 1024) throw new AppError("validation_failed", `The file is larger than ${MAX_PDF_BYTES / (1024 * 1024)} MB`, [{ path: "$.file", message: "Too large" }]);
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!file || typeof file === "string") throw new AppError("validation_failed", "Send the PDF as multipart/form-data in the field 'file'", [{ path: "$.file", message: "Required" }]);
    const stored = await storeFile(ctx, { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
    return Response.json(stored, { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
