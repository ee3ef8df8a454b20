"use server";
// Settings → Outbox: an administrator's "Retry now" for waiting and failed mail.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { action } from "@/lib/http/action";
import { deliverDueMail, retryMailNow } from "@/lib/mail/outbox";

export const retryMailAction = action({ auth: "user", permission: "manage_users", input: z.object({}) }, async (ctx) => {
  const db = await getDb();
  await retryMailNow(db);
  await deliverDueMail(db, ctx.config);
  revalidatePath("/settings/outbox");
  return null;
});
