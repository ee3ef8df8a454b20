"use server";
// Server action of Settings → Identity Providers: whether the login page shows the provider buttons.
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/current-user";
import { setLoginButtonsShown } from "@/lib/identity-providers/login-providers";

export async function setLoginButtonsAction(form: FormData): Promise<void> {
  const ctx = await requirePermission("configure_identity_providers");
  await setLoginButtonsShown(ctx, form.get("shown") === "true");
  revalidatePath("/settings/identity-providers");
  revalidatePath("/login");
}
