"use server";
// Server action of Settings → Identity Providers: whether the login page shows the provider buttons.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/http/action";
import { setLoginButtonsShown } from "@/lib/identity-providers/login-providers";

export const setLoginButtonsAction = action(
  { auth: "user", permission: "configure_identity_providers", input: z.object({ shown: z.enum(["true", "false"]) }) },
  async (ctx, input) => {
    await setLoginButtonsShown(ctx, input.shown === "true");
    revalidatePath("/settings/identity-providers");
    revalidatePath("/login");
    return null;
  },
);
