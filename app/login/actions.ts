"use server";
// Server action behind the login form: parse, sign in through next-auth, map refusals to words.
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/next-auth";
import { safeReturnPath } from "@/lib/net/safe-return";
import { ZLoginInput } from "@/lib/auth/schema";
import { AppError } from "@/lib/errors";
import { action } from "@/lib/http/action";

const MESSAGES: Record<string, string> = {
  invalid: "Invalid email or password.",
  throttled:
    "Too many failed sign-in attempts from here. Wait a moment and try again: each further failure makes the wait longer.",
  password_not_allowed:
    "Password sign-in is turned off for this account. Sign in through your identity provider (its Logon URL or the button below).",
};

const refused = (code: string) =>
  new AppError("unauthorized", Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : MESSAGES.invalid!);

export const loginAction = action(
  { auth: "public", input: z.object({ credentials: z.unknown(), returnTo: z.string().max(2048).nullish() }) },
  async (_ctx, input) => {
    const parsed = ZLoginInput.safeParse(input.credentials);
    if (!parsed.success) throw refused("invalid");
    try {
      await signIn("password", { ...parsed.data, redirectTo: safeReturnPath(input.returnTo ?? null) });
    } catch (err) {
      if (err instanceof AuthError) throw refused((err as { code?: string }).code ?? "invalid");
      throw err; // the success redirect travels as a thrown NEXT_REDIRECT
    }
    throw refused("invalid");
  },
);
