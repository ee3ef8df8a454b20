"use server";
// Server actions of the signer page: access / SMS code, agreement, click-to-sign, finish.
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { getDb } from "@/db";
import { requestMeta } from "@/lib/auth/request-meta";
import { getConfig } from "@/lib/config";
import { sendSmsCode, verifyAccessCode, verifySmsCode, type CodeResult } from "@/lib/envelopes/code-authentication";
import type { EnvelopeCtx } from "@/lib/envelopes/context";
import { acceptAgreement, finishWorkstep, signField } from "@/lib/envelopes/sign-workstep";
import { isBrowserToken, SIGNER_COOKIE, signerCookieOptions } from "@/lib/envelopes/signer-cookies";
import { AppError } from "@/lib/errors";

export type SignerActionResult = { ok: true; completed?: boolean } | { ok: false; message: string };

async function signerCtx(): Promise<EnvelopeCtx> {
  return { db: await getDb(), actor: { kind: "anonymous" }, ...requestMeta(await headers()), config: getConfig() };
}

async function run(fn: () => Promise<SignerActionResult>): Promise<SignerActionResult> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    console.error("[sign] action failed:", err instanceof Error ? err.name : typeof err);
    return { ok: false, message: "Something went wrong. Reload the page and try again." };
  }
}

const browser = async () => (await cookies()).get(SIGNER_COOKIE)?.value ?? null;

/** The browser's signer cookie, created when it has none: code authentication is bound to it. */
async function ensureBrowser(): Promise<string> {
  const jar = await cookies();
  const existing = jar.get(SIGNER_COOKIE)?.value;
  if (isBrowserToken(existing)) return existing;
  const fresh = randomBytes(32).toString("base64url");
  jar.set(SIGNER_COOKIE, fresh, signerCookieOptions(getConfig().appUrl));
  return fresh;
}

const codeAnswer = (r: CodeResult): SignerActionResult =>
  r.ok ? { ok: true } : { ok: false, message: r.attemptsLeft > 0 ? `The code is not correct. Check it and try again (${r.attemptsLeft} ${r.attemptsLeft === 1 ? "attempt" : "attempts"} left).` : "The code is not correct. No attempts are left: ask the sender to unlock you." };

export async function accessCodeAction(token: string, code: string): Promise<SignerActionResult> {
  return run(async () => codeAnswer(await verifyAccessCode(await signerCtx(), { token, code: String(code), browserToken: await ensureBrowser() })));
}

export async function sendSmsAction(token: string): Promise<SignerActionResult> {
  return run(async () => {
    await sendSmsCode(await signerCtx(), { token, browserToken: await browser() });
    return { ok: true };
  });
}

export async function smsCodeAction(token: string, code: string): Promise<SignerActionResult> {
  return run(async () => codeAnswer(await verifySmsCode(await signerCtx(), { token, code: String(code), browserToken: await ensureBrowser() })));
}

export async function acceptAgreementAction(token: string): Promise<SignerActionResult> {
  return run(async () => {
    await acceptAgreement(await signerCtx(), { token, browserToken: await browser() });
    return { ok: true };
  });
}

export async function signFieldAction(token: string, fieldId: string): Promise<SignerActionResult> {
  return run(async () => {
    await signField(await signerCtx(), { token, fieldId: String(fieldId), browserToken: await browser() });
    return { ok: true };
  });
}

export async function finishAction(token: string): Promise<SignerActionResult> {
  return run(async () => ({ ok: true, ...(await finishWorkstep(await signerCtx(), { token, browserToken: await browser() })) }));
}
