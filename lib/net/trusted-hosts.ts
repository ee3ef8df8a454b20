import { isIPv6 } from "node:net";
import { formatIp } from "./ip-address";

// TRUSTED_HOSTS (DESIGN "Flows"): `host:port` matches that port only; a bare `host`, any port.
// Hosts are compared in one canonical spelling so `2130706433`, `127.1` and `127.0.0.1` are the
// same host, and so are `[::1]` and `[0:0::1]`, whichever side wrote it.

/** One TRUSTED_HOSTS entry: canonical host; `port: null` means any port. */
export type TrustedHost = { host: string; port: number | null };

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/**
 * The canonical spelling of a URL hostname (brackets, case and a trailing dot dropped; IP
 * literals in canonical form), used for every host comparison in lib/net.
 */
export function canonicalHost(hostname: string): string {
  const bare = hostname
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase()
    .replace(/\.$/, "");
  return formatIp(bare) ?? bare;
}

/** The port a request to this URL really goes to: the explicit one, else the scheme's default. */
export function effectivePort(url: URL): number | null {
  if (url.port) return Number(url.port);
  return DEFAULT_PORTS[url.protocol] ?? null;
}

// host: a DNS name / IPv4 spelling, or a bracketed IPv6 literal; then an optional :port.
const ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/;

function parseEntry(raw: string): TrustedHost {
  const entry = raw.trim().toLowerCase();
  // A bare IPv6 literal without brackets cannot carry a port, so it is unambiguous.
  const match = isIPv6(entry) ? [entry, `[${entry}]`, undefined] : ENTRY.exec(entry);
  const invalid = (why: string) => new Error(`Invalid TRUSTED_HOSTS entry "${raw}": ${why}`);
  if (!match?.[1]) throw invalid("expected host or host:port, e.g. idp.internal, idp.internal:8443, [::1]:9000");
  let hostname: string;
  try {
    // The WHATWG parser is the one every outbound URL goes through, so numeric spellings
    // (2130706433, 0x7f000001, 0177.0.0.1, 127.1) end up exactly as they would in a URL.
    hostname = new URL(`http://${match[1]}/`).hostname;
  } catch {
    throw invalid("not a valid host name or IP address");
  }
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) throw invalid("port must be between 1 and 65535");
  return { host: canonicalHost(hostname), port };
}

/** Parses TRUSTED_HOSTS entries; an invalid entry throws an Error naming it. Empty entries are skipped. */
export function parseTrustedHosts(entries: string[]): TrustedHost[] {
  return entries.filter((e) => e.trim() !== "").map(parseEntry);
}

/** Whether the URL's host (and its explicit or default port) is on the trusted list. */
export function isTrustedHost(url: URL, trusted: TrustedHost[]): boolean {
  const host = canonicalHost(url.hostname);
  const port = effectivePort(url);
  return trusted.some((t) => t.host === host && (t.port === null || t.port === port));
}
