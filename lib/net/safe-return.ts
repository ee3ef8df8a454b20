// Return targets (callbackUrl, returnTo, a purpose's next page, next-auth's redirectTo): every
// redirect to a place a caller named goes through safeReturnPath, so no spelling leaves the origin.

/** A base no real request has: what resolves against it and keeps it is a path of ours. */
const PROBE_ORIGIN = "http://return.invalid";
const MAX_LENGTH = 2000;

/**
 * Refused anywhere in a target, before or after decoding: controls (C0, DEL, C1), format and
 * bidi characters, line and paragraph separators, backslashes, and characters a browser or a
 * later normalisation may read as a slash or a dot (division, fraction and full-width slashes,
 * full-width and ideographic dots, reverse solidus lookalikes).
 */
const UNSAFE =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\\u2044\u2215\u2216\u2571\u2572\u29f5\u29f8\u29f9\u3002\ufe52\ufe68\uff0e\uff0f\uff3c\uff61]/u;

/** Percent-decodes until nothing changes (a few rounds at most); malformed or still-encoded after that = null. */
function decodeFully(value: string): string | null {
  let current = value;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/** A same-origin path: one leading `/`, never `//` in the path, nothing unsafe, also once fully decoded. */
function isPlainPath(target: string): boolean {
  if (!target.startsWith("/") || target.startsWith("//")) return false;
  const decoded = decodeFully(target);
  if (decoded === null || UNSAFE.test(target) || UNSAFE.test(decoded)) return false;
  // A compatibility character (full-width letters, ligatures...) may turn into a slash or dot later.
  if (decoded.normalize("NFKC") !== decoded) return false;
  const path = decoded.split(/[?#]/, 1)[0]!;
  return !path.includes("//");
}

/** What a browser makes of a path on our origin (dot segments resolved, characters escaped), or null if it leaves it. */
function resolveOnOrigin(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target, PROBE_ORIGIN);
  } catch {
    return null;
  }
  return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : null;
}

/**
 * The one check of a return target: checked, normalised as a browser would (WHATWG URL), then the
 * normalised result checked again and required to be stable, since `/./`, `%2e` and friends only
 * become `//` during normalisation. Anything else gives `fallback`.
 */
export function safeReturnPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_LENGTH || !isPlainPath(target))
    return fallback;
  const normalised = resolveOnOrigin(target);
  if (
    normalised === null ||
    normalised.length > MAX_LENGTH ||
    !isPlainPath(normalised) ||
    resolveOnOrigin(normalised) !== normalised
  )
    return fallback;
  return normalised;
}

/**
 * next-auth's redirect callback: its `url` is a path or an absolute URL; only a path of this app
 * (absolute on exactly `baseUrl`'s origin) survives, as an absolute URL on that origin.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  const path = url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  return `${origin}${safeReturnPath(path)}`;
}
