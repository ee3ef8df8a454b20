// Free-form parts of events (ID token claims, resource URI answers) pass through this before
// the allow-listed schema: a key that names a credential never reaches the audit trail.
const SECRET_KEY =
  /(^|_|-)(access|refresh|id)_?token$|^token$|secret|password|passwd|^code$|code_verifier|authorization|assertion|api_?key|^nonce$|^at_hash$|^c_hash$/i;

const JWT_LIKE = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? "[removed]" : redactSecrets(v, depth + 1),
      ]),
    );
  }
  if (typeof value === "string" && JWT_LIKE.test(value)) return "[removed]";
  return value;
}
