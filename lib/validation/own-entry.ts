/**
 * The entry of a fixed map that an outside value (a query parameter, a header) names, looked up
 * among the map's own keys only: `constructor`, `__proto__` or `toString` name nothing, and an
 * array (`?status=a&status=b`) or a missing value gives `fallback` too.
 */
export function ownEntry<M extends Record<string, unknown>, F>(map: M, key: unknown, fallback: F): M[keyof M] | F {
  return typeof key === "string" && Object.hasOwn(map, key) ? map[key as keyof M] : fallback;
}
