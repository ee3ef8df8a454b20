// Links with a query string are built here, never by pasting "?" and "&" by hand: a hand-built
// "&verify=1" after a bare path is a 404 (issue 16).
export type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** `path` with `params` as its query string; empty, null and undefined values are left out. */
export function hrefWith(path: string, params: Record<string, QueryValue>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === undefined || v === null || v === "" || v === false) continue;
      query.append(key, String(v));
    }
  }
  const s = query.toString();
  return s ? `${path}?${s}` : path;
}
