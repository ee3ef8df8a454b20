"use client";

import { useSyncExternalStore } from "react";
import {
  formatDate,
  formatDateTime,
  formatLocal,
  formatTime,
  formatTimestamp,
  type LocalOptions,
} from "@/lib/format/date";

type Props = { value: Date | string | null | undefined; fallback?: string } & Pick<
  LocalOptions,
  "seconds" | "zone" | "dateOnly" | "timeOnly"
>;

const subscribe = () => () => {};

/**
 * A moment as its reader reads it: in their browser's locale and time zone (lib/format/date.ts
 * formatLocal), the zone written out where `zone` asks (evidence). The server's render, and a
 * browser without JavaScript, show the same moment in UTC in ISO order; the exact UTC time is
 * always in the tooltip and the machine-readable `dateTime`.
 */
export function When({ value, fallback = "", ...options }: Props) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const utc = options.dateOnly
    ? formatDate(value)
    : options.timeOnly
      ? formatTime(value)
      : options.seconds
        ? formatTimestamp(value)
        : formatDateTime(value);
  if (!utc) return fallback ? <>{fallback}</> : null;
  const iso = new Date(value!).toISOString();
  return (
    <time dateTime={iso} title={formatTimestamp(value)}>
      {inBrowser ? formatLocal(value, options) : utc}
    </time>
  );
}
