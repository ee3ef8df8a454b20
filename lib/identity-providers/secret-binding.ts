import { AppError } from "@/lib/errors";
import { usesClientSecret } from "./fields";

// A stored client secret is bound to what it was entered for: the Token Uri's origin, the
// Client Id and the client authentication method (TESTING 42). Changing any of them without
// entering the secret again would send the stored secret (or an HMAC keyed with it) to an
// endpoint or client it was never given for, so such a change is refused with a 400 naming
// `$.clientSecret`. A method that uses no secret drops the stored one instead of keeping it.
// (A private_key_jwt key pair needs no such rule: its assertions name the Token Uri as their
// audience, and the private key itself never travels.)

export type SecretBinding = { tokenUri: string; clientId: string; tokenEndpointAuthMethod: string };

const originOf = (uri: string): string | null => {
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
};

/** What about the binding changed, in words a person reads in the error ("the Token Uri's origin", ...). */
export function secretBindingChanges(before: SecretBinding, after: SecretBinding): string[] {
  const changes: string[] = [];
  const [from, to] = [originOf(before.tokenUri), originOf(after.tokenUri)];
  if (from === null || from !== to) changes.push(`the Token Uri's origin (${from ?? "unknown"} → ${to ?? "unknown"})`);
  if (before.clientId !== after.clientId) changes.push("the Client Id");
  if (before.tokenEndpointAuthMethod !== after.tokenEndpointAuthMethod)
    changes.push("the client authentication method");
  return changes;
}

/**
 * A client_secret_* method cannot work without the secret: creating such a provider without one,
 * or saving one that has none stored without entering it, is a 400 naming `$.clientSecret`.
 */
export function requireClientSecret(method: string, secret: { entered: boolean; stored: boolean }): void {
  if (!usesClientSecret(method) || secret.entered || secret.stored) return;
  const message = `Enter the client secret: ${method} sends it to the token endpoint, and sign-ins fail without it.`;
  throw new AppError("validation_failed", `The client secret is required with ${method}`, [
    { path: "$.clientSecret", message },
  ]);
}

export type StoredSecretDecision = "replace" | "keep" | "drop" | "none";

/**
 * What an update does with the stored secret: `replace` (a new one was entered), `keep`, `drop`
 * (the new method uses none), `none` (there is none). Throws the 400 when the binding changes
 * and the secret would be kept without being entered again, or when a client_secret_* method has
 * no secret at all.
 */
export function decideStoredSecret(
  stored: { secretSet: boolean } & SecretBinding,
  next: { newSecret: boolean } & SecretBinding,
): StoredSecretDecision {
  if (next.newSecret) return "replace";
  requireClientSecret(next.tokenEndpointAuthMethod, { entered: false, stored: stored.secretSet });
  if (!stored.secretSet) return "none";
  if (!usesClientSecret(next.tokenEndpointAuthMethod)) return "drop";
  const changes = secretBindingChanges(stored, next);
  if (changes.length === 0) return "keep";
  const what = changes.join(", ");
  const message = `Enter the client secret again: ${what} changed, and the stored secret is only ever sent to the endpoint, client and method it was entered for.`;
  throw new AppError("validation_failed", `The client secret must be entered again because ${what} changed`, [
    { path: "$.clientSecret", message },
  ]);
}
