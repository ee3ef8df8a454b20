// GET /api/v6/file/<id>: an uploaded PDF, for the one who uploaded it (designer preview)
import { and, eq } from "drizzle-orm";
import { files } from "@/db/schema";
import { requireAnyApi } from "@/lib/users/require-any-api";
import { pdfResponse } from "@/lib/envelopes/pdf-response";
import { AppError, toErrorResponse } from "@/lib/errors";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes"]);
    const { id } = await params;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "No file with this id");
    const [file] = await ctx.db.select().from(files).where(and(eq(files.id, id), eq(files.ownerUserId, ctx.user.id)));
    if (!file) throw new AppError("not_found", "No file with this id");
    return pdfResponse(file);
  } catch (err) {
    return toErrorResponse(err);
  }
}
