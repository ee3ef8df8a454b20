"use server";
// Server actions of the signer page: access / SMS code, agreement, click-to-sign, finish.
// Open to anyone holding the signing link: each operation checks the link token and this browser's cookie.
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { sendSmsCode, verifyAccessCode, verifySmsCode, type CodeResult } from "@/lib/envelopes/code-authentication";
import { acceptAgreement, finishWorkstep, signField } from "@/lib/envelopes/sign-workstep";
import { isBrowserToken, SIGNER_COOKIE, signerCookieOptions } from "@/lib/envelopes/signer-cookies";
import { AppError } from "@/lib/errors";
import { action } from "@/lib/http/action";

const ZLink = z.object({ token: z.string().max(200) });
const ZCode = ZLink.extend({ code: z.string().max(100) });
// A drawn PNG is at most 300 KB (checked again, decoded, by signField): its data URL fits in 420,000 characters.
const ZSignature = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Click2Sign") }),
  z.object({ type: z.literal("Draw"), png: z.string().max(420_000) }),
  z.object({ type: z.literal("Type"), text: z.string().max(200) }),
]);
const ZField = ZLink.extend({
  fieldId: z.string().max(100),
  signature: ZSignature.default({ type: "Click2Sign" }),
});

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

/** A wrong code is the signer's mistake, answered with what is left (a refusal, not a fault). */
function codeAnswer(r: CodeResult): null {
  if (r.ok) return null;
  throw new AppError(
    "forbidden",
    r.attemptsLeft > 0
      ? `The code is not correct. Check it and try again (${r.attemptsLeft} ${r.attemptsLeft === 1 ? "attempt" : "attempts"} left).`
      : "The code is not correct. No attempts are left: ask the sender to unlock you.",
  );
}

export const accessCodeAction = action({ auth: "public", input: ZCode }, async (ctx, { token, code }) =>
  codeAnswer(await verifyAccessCode(ctx, { token, code, browserToken: await ensureBrowser() })),
);

export const sendSmsAction = action({ auth: "public", input: ZLink }, async (ctx, { token }) => {
  await sendSmsCode(ctx, { token, browserToken: await browser() });
  return null;
});

export const smsCodeAction = action({ auth: "public", input: ZCode }, async (ctx, { token, code }) =>
  codeAnswer(await verifySmsCode(ctx, { token, code, browserToken: await ensureBrowser() })),
);

export const acceptAgreementAction = action({ auth: "public", input: ZLink }, async (ctx, { token }) => {
  await acceptAgreement(ctx, { token, browserToken: await browser() });
  return null;
});

export const signFieldAction = action({ auth: "public", input: ZField }, async (ctx, { token, fieldId, signature }) => {
  await signField(ctx, { token, fieldId, signature, browserToken: await browser() });
  return null;
});

export const finishAction = action({ auth: "public", input: ZLink }, async (ctx, { token }) =>
  finishWorkstep(ctx, { token, browserToken: await browser() }),
);
