import { z } from "zod";
import { notificationTemplates } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { loadTemplate } from "./outbox";
import { TEMPLATE_KEYS, TEMPLATES } from "./templates";

export const ZTemplateInput = z.object({
  key: z.enum(TEMPLATE_KEYS as [string, ...string[]]),
  subject: z.string().trim().min(1, "Enter a subject").max(300, "At most 300 characters"),
  body: z.string().trim().min(1, "Enter the text").max(20_000),
});
export type TTemplateInput = z.input<typeof ZTemplateInput>;

/** Saves an administrator's version of a template (audited); the built-in text stays the fallback. */
export async function saveTemplate(ctx: Ctx, raw: TTemplateInput): Promise<void> {
  const input = ZTemplateInput.parse(raw);
  const key = input.key as keyof typeof TEMPLATES;
  await ctx.db.transaction(async (tx) => {
    const before = await loadTemplate(tx, key);
    await tx
      .insert(notificationTemplates)
      .values({ key, subject: input.subject, body: input.body })
      .onConflictDoUpdate({
        target: notificationTemplates.key,
        set: { subject: input.subject, body: input.body, updatedAt: new Date() },
      });
    const changes = [
      ...(before.subject !== input.subject ? [{ field: "subject", from: before.subject, to: input.subject }] : []),
      ...(before.body !== input.body ? [{ field: "body", from: null, to: "(edited)" }] : []),
    ];
    if (changes.length)
      await emitAudit(tx, ctx, { action: "TemplateChanged", data: { key, name: TEMPLATES[key].name, changes } });
  });
}
