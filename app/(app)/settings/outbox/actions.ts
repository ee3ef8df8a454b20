"use server";
// Settings → Outbox: an administrator's "Retry now" for waiting and failed mail.
import { revalidatePath } from "next/cache";
import { getDbHandle } from "@/db";
import { requirePermission } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config";
import { deliverDueMail, retryMailNow } from "@/lib/mail/outbox";

export async function retryMailAction(): Promise<void> {
  await requirePermission("manage_users");
  const { db } = await getDbHandle();
  await retryMailNow(db);
  await deliverDueMail(db, getConfig());
  revalidatePath("/settings/outbox");
}
