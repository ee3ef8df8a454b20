// The "field property path" of a field mapping, read on an ID token's claims or on a resource
// URI's JSON answer. Syntax, as the reference product documents it (seeds 000/001):
//   given_name                  a plain key
//   validated_data.given_name   '.' walks into an object
//   person_data:given_name      ':' walks into an object exactly like '.'
//   ['urn:pvpgvat:oidc.bpk']    a key holding '.', ':', spaces... is bracket-quoted
//   [ 'urn:x' ]                 whitespace inside the brackets is allowed
// Added here: "double" quotes, \' \" \\ escapes in quoted keys, and array indexes `roles[1]`.
// Columns are 1-based UTF-16 positions, as a text input counts them.

export type PathSegment = { kind: "key"; key: string } | { kind: "index"; index: number };

export type ParseClaimPathResult =
  { ok: true; segments: PathSegment[] } | { ok: false; message: string; column: number };

export type EvaluateClaimPathResult = { found: true; value: unknown } | { found: false; at: string };

export const MAX_CLAIM_PATH_LENGTH = 500;
export const MAX_CLAIM_PATH_SEGMENTS = 32;
// The largest index a JavaScript array can hold.
const MAX_INDEX = 2 ** 32 - 2;

class PathSyntaxError extends Error {
  constructor(
    readonly column: number,
    readonly expected: string,
  ) {
    super(`path syntax error at column ${column}: ${expected}`);
  }
}

const isSpace = (ch: string) => /\s/.test(ch);
const isSeparator = (ch: string) => ch === "." || ch === ":";

// Characters that would make an unquoted key ambiguous or are more likely a typo than part of a
// claim name; such keys must be bracket-quoted. Whitespace is refused rather than trimmed so that
// "person_data. given_name" is reported instead of silently never matching.
function unquotedProblem(ch: string): string | null {
  if (isSpace(ch)) return "unexpected whitespace; write a key containing spaces as ['...']";
  if (/\p{Cc}/u.test(ch)) return "unexpected control character; write such a key as ['...']";
  if (ch === "'" || ch === '"') return "unexpected quote; a quoted key goes in brackets: ['...']";
  if (ch === "]") return "unexpected ']' without an opening '['";
  if (ch === "\\") return "unexpected '\\'; write such a key as ['...']";
  return null;
}

function parseSegments(path: string): PathSegment[] {
  if (path.length === 0) throw new PathSyntaxError(1, "expected a key or '[' but the path is empty");
  if (path.length > MAX_CLAIM_PATH_LENGTH)
    throw new PathSyntaxError(MAX_CLAIM_PATH_LENGTH + 1, `expected at most ${MAX_CLAIM_PATH_LENGTH} characters`);
  const segments: PathSegment[] = [];
  let i = 0;
  const push = (segment: PathSegment, start: number) => {
    if (segments.length === MAX_CLAIM_PATH_SEGMENTS)
      throw new PathSyntaxError(start + 1, `expected at most ${MAX_CLAIM_PATH_SEGMENTS} segments`);
    segments.push(segment);
  };
  const skipSpaces = () => {
    while (i < path.length && isSpace(path[i]!)) i++;
  };

  const readUnquotedKey = (afterSeparator: boolean) => {
    const start = i;
    while (i < path.length && !isSeparator(path[i]!) && path[i] !== "[") {
      const problem = unquotedProblem(path[i]!);
      if (problem) throw new PathSyntaxError(i + 1, problem);
      i++;
    }
    if (i === start) {
      const where = afterSeparator ? `after '${path[start - 1]}'` : "at the start of the path";
      const hint = path[i] === "[" ? " (a bracket follows a key directly: a[0], a['b'])" : "";
      throw new PathSyntaxError(i + 1, `expected a key ${where}${hint}`);
    }
    push({ kind: "key", key: path.slice(start, i) }, start);
  };

  const readBracket = () => {
    const start = i;
    i++; // '['
    skipSpaces();
    const ch = path[i];
    if (ch === "'" || ch === '"') {
      const opened = i + 1;
      i++;
      let key = "";
      for (;;) {
        if (i >= path.length)
          throw new PathSyntaxError(i + 1, `expected a closing ${ch} for the key opened at column ${opened}`);
        const c = path[i]!;
        if (c === ch) break;
        if (c === "\\") {
          const next = path[i + 1];
          // Only the escapes needed to write any key; "\n" and friends are refused rather than
          // guessed, so no one gets a key that differs from what they meant.
          if (next !== "\\" && next !== "'" && next !== '"')
            throw new PathSyntaxError(i + 1, "expected \\\\, \\' or \\\" after a backslash");
          key += next;
          i += 2;
          continue;
        }
        key += c;
        i++;
      }
      i++; // closing quote
      skipSpaces();
      if (path[i] !== "]") throw new PathSyntaxError(i + 1, "expected a closing ']'");
      i++;
      push({ kind: "key", key }, start);
      return;
    }
    const digitsStart = i;
    while (i < path.length && path[i]! >= "0" && path[i]! <= "9") i++;
    const digits = path.slice(digitsStart, i);
    if (digits === "")
      throw new PathSyntaxError(digitsStart + 1, "expected an array index (0, 1, 2...) or a quoted key ['...']");
    if (digits.length > 1 && digits.startsWith("0"))
      throw new PathSyntaxError(digitsStart + 1, "expected an array index without leading zeros");
    const index = Number(digits);
    if (index > MAX_INDEX)
      throw new PathSyntaxError(digitsStart + 1, `expected an array index of at most ${MAX_INDEX}`);
    skipSpaces();
    if (path[i] !== "]") throw new PathSyntaxError(i + 1, "expected a closing ']'");
    i++;
    push({ kind: "index", index }, start);
  };

  if (path[0] === "[") readBracket();
  else readUnquotedKey(false);
  while (i < path.length) {
    const ch = path[i]!;
    if (isSeparator(ch)) {
      i++;
      readUnquotedKey(true);
    } else if (ch === "[") {
      readBracket();
    } else {
      throw new PathSyntaxError(i + 1, "expected '.', ':', '[' or the end of the path");
    }
  }
  return segments;
}

/** Parses a field property path; never throws. */
export function parseClaimPath(path: string): ParseClaimPathResult {
  try {
    return { ok: true, segments: parseSegments(path) };
  } catch (err) {
    if (err instanceof PathSyntaxError) return { ok: false, message: err.message, column: err.column };
    throw err;
  }
}

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

function formatSegments(segments: PathSegment[]): string {
  return segments
    .map((s, n) => {
      if (s.kind === "index") return `[${s.index}]`;
      if (SIMPLE_KEY.test(s.key)) return n === 0 ? s.key : `.${s.key}`;
      return `['${s.key.replace(/[\\']/g, (c) => `\\${c}`)}']`;
    })
    .join("");
}

/** The canonical spelling of a path: '.' between identifier-like keys, ['...'] for any other key. */
export function formatClaimPath(segments: PathSegment[]): string {
  if (segments.length === 0) throw new RangeError("a claim path has at least one segment");
  if (segments.length > MAX_CLAIM_PATH_SEGMENTS)
    throw new RangeError(`a claim path has at most ${MAX_CLAIM_PATH_SEGMENTS} segments`);
  for (const s of segments) {
    if (s.kind === "index" && !(Number.isInteger(s.index) && s.index >= 0 && s.index <= MAX_INDEX))
      throw new RangeError(`invalid array index ${s.index}`);
  }
  const path = formatSegments(segments);
  if (path.length > MAX_CLAIM_PATH_LENGTH)
    throw new RangeError(`a claim path has at most ${MAX_CLAIM_PATH_LENGTH} characters`);
  return path;
}

/**
 * Walks JSON by own data properties only: a claim named "__proto__" or "constructor" resolves
 * only when the IdP actually sent it, never to something inherited, and no getter runs.
 */
export function evaluateClaimPath(value: unknown, segments: PathSegment[]): EvaluateClaimPathResult {
  let current = value;
  for (const [n, s] of segments.entries()) {
    const holder =
      s.kind === "key"
        ? current !== null && typeof current === "object" && !Array.isArray(current)
          ? current
          : null
        : Array.isArray(current)
          ? current
          : null;
    const descriptor = holder ? Object.getOwnPropertyDescriptor(holder, s.kind === "key" ? s.key : s.index) : undefined;
    if (!descriptor || !("value" in descriptor)) return { found: false, at: formatSegments(segments.slice(0, n + 1)) };
    current = descriptor.value;
  }
  return { found: true, value: current };
}

/** Parses and evaluates; a syntax error is a configuration mistake, so it throws. */
export function readClaim(value: unknown, path: string): EvaluateClaimPathResult {
  const parsed = parseClaimPath(path);
  if (!parsed.ok) throw new Error(`Invalid claim path ${JSON.stringify(path)}: ${parsed.message}`);
  return evaluateClaimPath(value, parsed.segments);
}
