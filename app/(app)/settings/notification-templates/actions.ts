"use server";
// Settings → Notification Templates: save one template.
import { revalidatePath } from "next/cache";
import { action } from "@/lib/http/action";
import { saveTemplate, ZTemplateInput } from "@/lib/mail/save-template";

export const saveTemplateAction = action(
  { auth: "user", permission: "manage_templates", input: ZTemplateInput },
  async (ctx, input) => {
    await saveTemplate(ctx, input);
    revalidatePath("/settings/notification-templates");
    return null;
  },
);
