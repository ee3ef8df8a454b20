import { CHECK_WARNINGS, PKCE_WARNING, type JwtCheck } from "./fields";
import type { ProviderInput } from "./schema";

export type FieldChange = { field: string; from: string | null; to: string | null };

const show = (v: unknown): string | null =>
  v === null || v === undefined ? null : (typeof v === "string" ? v : JSON.stringify(v)).slice(0, 2000);

type Comparable = Omit<ProviderInput, "clientSecret">;

/** What changed, field by field (JWT fields one by one); the secret appears only as "replaced". */
export function diffProvider(before: Comparable, after: Comparable, secretReplaced: boolean): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = Object.keys(after) as (keyof Comparable)[];
  for (const key of keys) {
    if (key === "jwt" && before.jwt && after.jwt) {
      for (const k of Object.keys(after.jwt) as (keyof typeof after.jwt)[]) {
        if (JSON.stringify(before.jwt[k]) !== JSON.stringify(after.jwt[k]))
          changes.push({ field: `jwt.${k}`, from: show(before.jwt[k]), to: show(after.jwt[k]) });
      }
      continue;
    }
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes.push({ field: key, from: show(before[key]), to: show(after[key]) });
  }
  if (secretReplaced) changes.push({ field: "clientSecret", from: "(hidden)", to: "(replaced)" });
  return changes;
}

/** The JWT checks an update turns off (or a new provider starts without), with what each opens up. */
export function checksTurnedOff(before: ProviderInput["jwt"] | null, after: ProviderInput["jwt"]): string[] {
  if (!after) return [];
  return (Object.keys(CHECK_WARNINGS) as JwtCheck[])
    .filter((check) => !after[check] && (before ? before[check] : true))
    .map((check) => `${check} off: ${CHECK_WARNINGS[check]}`);
}

/**
 * Every protection an update turns off (or a new provider starts without): the JWT checks, and
 * PKCE. Each is audited as a warning saying what it opens up.
 */
export function protectionsTurnedOff(
  before: Pick<ProviderInput, "pkce" | "jwt"> | null,
  after: Pick<ProviderInput, "pkce" | "jwt">,
): string[] {
  const pkce = !after.pkce && (before ? before.pkce : true) ? [`pkce off: ${PKCE_WARNING}`] : [];
  return [...pkce, ...checksTurnedOff(before?.jwt ?? null, after.jwt)];
}
