/**
 * Return targets are same-origin relative paths only: `//evil`, `/\evil`, absolute URLs,
 * `javascript:` and control characters are refused (no open redirector).
 */
export function safeReturnPath(target: string | null | undefined, fallback = "/"): string {
  if (!target || target.length > 2000) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  try {
    const url = new URL(target, "http://relative.invalid");
    if (url.origin !== "http://relative.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
