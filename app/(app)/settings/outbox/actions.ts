"use server";
// Settings → Outbox: an administrator's "Retry now" for waiting and failed mail, and "Resend" of one mail.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/http/action";
import { deliverDueMail, retryMailNow } from "@/lib/mail/outbox";
import { resendMail } from "@/lib/mail/resend-mail";

export const retryMailAction = action(
  { auth: "user", permission: "manage_users", input: z.object({}) },
  async (ctx) => {
    await retryMailNow(ctx.db);
    await deliverDueMail(ctx.db, ctx.config);
    revalidatePath("/settings/outbox");
    return null;
  },
);

export const resendMailAction = action(
  { auth: "user", permission: "manage_users", input: z.object({ id: z.uuid() }) },
  async (ctx, input) => {
    await resendMail(ctx, { id: input.id });
    await deliverDueMail(ctx.db, ctx.config);
    revalidatePath("/settings/outbox");
    return null;
  },
);
