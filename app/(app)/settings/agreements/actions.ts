"use server";
// Settings → Agreements Configuration: save the default agreement.
import { revalidatePath } from "next/cache";
import { saveDefaultAgreement, ZDefaultAgreement } from "@/lib/envelopes/agreements";
import { action } from "@/lib/http/action";

export const saveAgreementAction = action(
  { auth: "user", permission: "manage_templates", input: ZDefaultAgreement },
  async (ctx, input) => {
    await saveDefaultAgreement(ctx, input);
    revalidatePath("/settings/agreements");
    return null;
  },
);
