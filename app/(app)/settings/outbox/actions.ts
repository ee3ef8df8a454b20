"use server";
// Settings → Outbox: an administrator's "Retry now" for waiting and failed mail, and "Resend" of one mail.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDbHandle } from "@/db";
import { requirePermission } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config";
import { deliverDueMail, retryMailNow } from "@/lib/mail/outbox";
import { resendMail } from "@/lib/mail/resend-mail";

export async function retryMailAction(): Promise<void> {
  await requirePermission("manage_users");
  const { db } = await getDbHandle();
  await retryMailNow(db);
  await deliverDueMail(db, getConfig());
  revalidatePath("/settings/outbox");
}

export async function resendMailAction(form: FormData): Promise<void> {
  const ctx = await requirePermission("manage_users");
  const config = getConfig();
  await resendMail({ ...ctx, config }, { id: z.string().uuid().parse(form.get("id")) });
  await deliverDueMail((await getDbHandle()).db, config);
  revalidatePath("/settings/outbox");
}
