import { and, eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import { files } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { checkPdf, readPageSizes } from "./pdf";

export type StoredFile = { FileId: string; Name: string; Size: number; Pages: [number, number][] };

/** Stores an uploaded PDF after checking what it really is; refuses anything else with a clear reason. */
export async function storeFile(ctx: Ctx, input: { name: string; bytes: Buffer }): Promise<StoredFile> {
  const check = checkPdf(input.bytes);
  if (!check.ok) throw new AppError("validation_failed", check.reason, [{ path: "$.file", message: check.reason }]);
  const pages = (await readPageSizes(input.bytes)) ?? check.pages;
  const name = (input.name.replace(/[\p{Cc}/\\]/gu, "").trim() || "document.pdf").slice(0, 200);
  const [row] = await ctx.db
    .insert(files)
    .values({
      ownerUserId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      name,
      contentType: "application/pdf",
      size: input.bytes.length,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      pages,
      content: input.bytes,
    })
    .returning({ id: files.id });
  return { FileId: row!.id, Name: name, Size: input.bytes.length, Pages: pages };
}

/** An uploaded file, for the one who uploaded it only (someone else's id names nothing). */
export async function findOwnFile(db: Ctx["db"], userId: string, fileId: string) {
  const [file] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerUserId, userId)));
  if (!file) throw new AppError("not_found", "No file with this id");
  return file;
}
