import { SIGNER_COOKIE, SIGNER_LINK_COOKIE } from "./find-signing";

// The signer's browser cookie (its sha256 is what the recipient's authentication is bound to)
// and the short-lived cookie that lets /sign/resume find the link after the provider's redirect.
export const signerCookieOptions = (appUrl: string) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: appUrl.startsWith("https://"),
  path: "/sign",
  maxAge: 7 * 24 * 3600,
});
export const signerLinkCookieOptions = (appUrl: string) => ({ ...signerCookieOptions(appUrl), maxAge: 15 * 60 });
export const isBrowserToken = (v: string | undefined | null): v is string =>
  typeof v === "string" && /^[A-Za-z0-9_-]{43}$/.test(v);
export { SIGNER_COOKIE, SIGNER_LINK_COOKIE };
