"use server";
// Server actions of Settings → Api Tokens and Apps: create (token shown once), revoke.
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/current-user";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { AppError } from "@/lib/errors";

export type CreateTokenState = { ok: true; token: string; name: string } | { ok: false; message: string } | null;

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  try {
    const ctx = await requirePermission("use_api");
    const name = String(form.get("name") ?? "");
    const { token } = await createApiToken(ctx, { name, expiresInDays: String(form.get("expiresInDays") ?? "") || undefined, readOnly: form.get("readOnly") === "on" });
    revalidatePath("/settings/api-tokens");
    return { ok: true, token, name: name.trim() };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const ctx = await requirePermission("use_api");
  await revokeApiToken(ctx, String(form.get("id") ?? ""));
  revalidatePath("/settings/api-tokens");
}
