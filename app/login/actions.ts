"use server";
// Server action behind the login form: parse, sign in through next-auth, map refusals to words.
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { safeReturnPath } from "@/lib/auth/safe-return";
import { ZLoginInput, type TLoginInput } from "@/lib/auth/schema";

export type LoginState = { ok: false; message: string };

const MESSAGES: Record<string, string> = {
  invalid: "Invalid email or password.",
  throttled: "Too many failed sign-in attempts from here. Wait a moment and try again: each further failure makes the wait longer.",
  password_not_allowed:
    "Password sign-in is turned off for this account. Sign in through your identity provider (its Logon URL or the button below).",
};

export async function loginAction(input: TLoginInput, returnTo: string | null): Promise<LoginState> {
  const parsed = ZLoginInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: MESSAGES.invalid! };
  try {
    await signIn("password", { ...parsed.data, redirectTo: safeReturnPath(returnTo) });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as { code?: string }).code ?? "invalid";
      return { ok: false, message: MESSAGES[code] ?? MESSAGES.invalid! };
    }
    throw err; // the success redirect travels as a thrown NEXT_REDIRECT
  }
  return { ok: false, message: MESSAGES.invalid! };
}
