/** An id in a URL or a body: a UUID (any case). Anything else names no row, and is refused before a query. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string) => UUID_PATTERN.test(s);
