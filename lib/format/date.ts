// The one way the product writes a date or a time for a person (issue 16: six formats before).
// Pages show a moment in the reader's own locale and time zone (formatLocal, through
// components/ui/when.tsx, which runs it in their browser); what several people compare across
// zones and time (mails, the sealed certificate of completion, CSV lines, and a page's first
// render on the server, which does not know the reader's zone) reads the same everywhere: ISO
// order, 24-hour clock, UTC written out. Machine answers (REST JSON, the export's `at`) stay full
// ISO 8601.

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

export type LocalOptions = {
  /** To the second (evidence: the trail, the certificate, a signature's time). */
  seconds?: boolean;
  /** The time zone written out ("GMT+1", "PST"): where the moment is evidence. */
  zone?: boolean;
  /** The day alone. */
  dateOnly?: boolean;
  /** The time of day alone (beside a dateOnly of the same moment). */
  timeOnly?: boolean;
  /** The reader's; given in tests. */
  locale?: string;
  timeZone?: string;
};

/**
 * "Dec 3, 2026, 2:05 AM" for a reader in the US, "3 Dec 2026, 02:05" in Britain: the reader's own
 * locale and time zone, as their browser knows them (components/ui/when.tsx). The month is always
 * a word, so no reader mistakes 12/2 for 2 December; the zone is written where `zone` asks.
 */
export function formatLocal(value: When, options: LocalOptions = {}): string {
  const d = toDate(value);
  if (!d) return "";
  return new Intl.DateTimeFormat(options.locale, {
    ...(options.timeOnly ? {} : { year: "numeric", month: "short", day: "numeric" }),
    ...(options.dateOnly
      ? {}
      : { hour: "2-digit", minute: "2-digit", ...(options.seconds ? { second: "2-digit" } : {}) }),
    ...(options.zone && !options.dateOnly ? { timeZoneName: "short" } : {}),
    timeZone: options.timeZone,
  } as Intl.DateTimeFormatOptions).format(d);
}
