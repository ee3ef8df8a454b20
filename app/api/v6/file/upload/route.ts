// POST /api/v6/file/upload: store a PDF (multipart field "file") → { FileId }
import { AppError } from "@/lib/errors";
import { MAX_PDF_BYTES } from "@/lib/envelopes/schema";
import { storeFile } from "@/lib/envelopes/store-file";
import { route } from "@/lib/http/route";

// The multipart envelope around the PDF is allowed 64 KiB on top of the file itself.
export const POST = route(
  {
    auth: "user",
    permission: "send_envelopes",
    form: true,
    maxBytes: MAX_PDF_BYTES + 64 * 1024,
    tooLargeMessage: `The file is larger than ${MAX_PDF_BYTES / (1024 * 1024)} MB`,
    status: 201,
  },
  async ({ ctx, form }) => {
    const file = form?.get("file");
    if (!file || typeof file === "string")
      throw new AppError("validation_failed", "Send the PDF as multipart/form-data in the field 'file'", [
        { path: "$.file", message: "Required" },
      ]);
    return storeFile(ctx, { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
  },
);
