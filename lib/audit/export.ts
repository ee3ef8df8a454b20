import type { AuditEventRow } from "@/db/schema";
import { shownActor } from "./actor-label";

/** One event in the REST shape integrators script against (DESIGN.md "Audit trail"). */
export type AuditEventJson = {
  id: number;
  seq: number;
  at: string;
  action: string;
  description: string;
  actor: string;
  ip: string | null;
  geolocation: string | null;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
};

export const toEventJson = (r: AuditEventRow): AuditEventJson => ({
  id: r.id,
  seq: r.seq,
  at: r.at.toISOString(),
  action: r.action,
  description: r.description,
  actor: shownActor(r),
  ip: r.ip,
  geolocation: r.geolocation,
  data: r.data,
  hash: r.hash,
  prevHash: r.prevHash,
});

/**
 * The CSV columns. An envelope's trail names who acted "Signer", as its table does (DESIGN, the
 * envelope details); the security log holds administrators, users and the system too: "Actor".
 */
export const csvHeader = (actorColumn: "Signer" | "Actor") => [
  "Date & Time",
  "Action",
  "Description",
  actorColumn,
  "IP Address",
  "Geolocation",
  "Seq",
  "Hash",
  "Previous hash",
];

// Quoted always; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula.
function csvCell(value: string | number | null): string {
  let s = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(",")}\r\n`;

export const toCsvLine = (r: AuditEventRow) =>
  csvLine([
    r.at.toISOString(),
    r.action,
    r.description,
    shownActor(r),
    r.ip,
    r.geolocation ?? "N/A",
    r.seq,
    r.hash,
    r.prevHash,
  ]);
