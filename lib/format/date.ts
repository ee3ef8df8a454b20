// The one way the product writes a date or a time for a person (issue 16: six formats before).
// Every screen, mail and export line reads the same: ISO order (never "12/2/2026", which a
// reader on the other side of the Atlantic reads as 12 February), 24-hour clock, and the zone
// always written out. UTC throughout: pages are rendered on the server, which does not know the
// reader's zone, and the trail, the certificate and the mails are evidence compared across
// people and time zones. Machine answers (REST JSON, the export's `at`) stay full ISO 8601.

type When = Date | string | number | null | undefined;

const toDate = (value: When): Date | null => {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

const iso = (d: Date) => d.toISOString(); // 2026-12-02T13:44:05.123Z

/** "2026-12-02 13:44 UTC": when something happened or will (lists, pages, mails). "" for no date. */
export function formatDateTime(value: When): string {
  const d = toDate(value);
  return d ? `${iso(d).slice(0, 10)} ${iso(d).slice(11, 16)} UTC` : "";
}

/** "2026-12-02 13:44:05 UTC": to the second, where events are evidence (audit trail, certificate). */
export function formatTimestamp(value: When): string {
  const d = toDate(value);
  return d ? `${iso(d).slice(0, 10)} ${iso(d).slice(11, 19)} UTC` : "";
}

/** "13:44 UTC": the time of day, beside a formatDate of the same moment. */
export function formatTime(value: When): string {
  const d = toDate(value);
  return d ? `${iso(d).slice(11, 16)} UTC` : "";
}

/** "2026-12-02": a day (expiry of a token, a document's date). */
export function formatDate(value: When): string {
  const d = toDate(value);
  return d ? iso(d).slice(0, 10) : "";
}
