"use server";
// Settings → Notification Templates: save one template.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/current-user";
import { saveTemplate, type TTemplateInput } from "@/lib/mail/save-template";

export type SaveTemplateState = { ok: boolean; message: string } | null;

export async function saveTemplateAction(_prev: SaveTemplateState, form: FormData): Promise<SaveTemplateState> {
  const ctx = await requirePermission("manage_templates");
  try {
    await saveTemplate(ctx, Object.fromEntries(form) as TTemplateInput);
  } catch (err) {
    if (err instanceof z.ZodError) return { ok: false, message: err.issues.map((i) => i.message).join("; ") };
    throw err;
  }
  revalidatePath("/settings/notification-templates");
  return { ok: true, message: "Saved" };
}
