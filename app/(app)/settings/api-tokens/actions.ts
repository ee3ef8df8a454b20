"use server";
// Server actions of Settings → Api Tokens and Apps: create (token shown once), revoke; rotate the callback signing secret.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { rotateCallbackSecret } from "@/lib/callbacks/secret";
import { action } from "@/lib/http/action";

// The form's fields as the browser sends them; createApiToken parses them with ZCreateApiTokenInput.
const ZCreateTokenForm = z.object({
  name: z.string().max(1000).default(""),
  expiresInDays: z.string().max(10).optional(),
  readOnly: z.literal("on").optional(),
});

export const createTokenAction = action(
  { auth: "user", permission: "use_api", input: ZCreateTokenForm },
  async (ctx, input) => {
    const { token } = await createApiToken(ctx, {
      name: input.name,
      expiresInDays: input.expiresInDays || undefined,
      readOnly: input.readOnly === "on",
    });
    revalidatePath("/settings/api-tokens");
    return { token, name: input.name.trim() };
  },
);

export const revokeTokenAction = action(
  { auth: "user", permission: "use_api", input: z.object({ id: z.string().max(100) }) },
  async (ctx, input) => {
    await revokeApiToken(ctx, input.id);
    revalidatePath("/settings/api-tokens");
    return null;
  },
);

export const rotateCallbackSecretAction = action(
  { auth: "user", permission: "send_envelopes", input: z.object({}) },
  async (ctx) => {
    await rotateCallbackSecret(ctx, ctx.config.encryptionKey);
    revalidatePath("/settings/api-tokens");
    return null;
  },
);
