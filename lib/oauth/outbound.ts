import { guardedFetch, OutboundError, type GuardedRequest, type GuardedResponse } from "@/lib/net/guarded-fetch";
import { FlowError, type FlowStep, type OutboundOptions } from "./types";

// The engine's one door to the network: every call goes through lib/net's guard (address
// check, pinned DNS, timeout, size cap, no redirects), and a refused or failed call becomes
// a FlowError naming the step. Texts that came from a peer are quoted before they reach a
// reason: reasons end up in the audit trail and the admin's test report.

const OUTBOUND_HINTS: Record<OutboundError["code"], string> = {
  address_not_allowed:
    "The address is refused by the outbound guard. If this provider really lives on an internal host, add it to TRUSTED_HOSTS.",
  timeout:
    "The provider did not answer in time. Check the URI, and that the provider is up and reachable from this server.",
  too_large: "The answer was larger than the limit; this is not what a well-behaved provider sends here.",
  network: "The connection failed. Check the URI (host, port, scheme) and the network path to the provider.",
};

/** An outbound call of the engine; OutboundError becomes FlowError(step, message, hint). */
export async function outboundCall(
  step: FlowStep,
  url: string,
  init: GuardedRequest,
  out: OutboundOptions,
): Promise<GuardedResponse> {
  try {
    return await guardedFetch(url, init, {
      trustedHosts: out.trustedHosts,
      timeoutMs: out.timeoutMs,
      maxBytes: out.maxBytes,
    });
  } catch (err) {
    if (err instanceof OutboundError) throw new FlowError(step, err.message, OUTBOUND_HINTS[err.code]);
    throw err;
  }
}

/** A URL as it may appear in a reason: origin and path, never the query (it may carry a secret). */
export function describeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "an invalid URL";
  }
}

const CONTROL = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A value from a peer, made safe for a one-line reason: control and bidi characters dropped,
 * capped at `max` characters, JSON-quoted (so quotes and backslashes cannot break out), and
 * any of the `secrets` replaced. Markup stays text: whoever renders a reason escapes it.
 */
export function quote(value: unknown, max = 120, secrets: readonly string[] = []): string {
  let text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join("[redacted]");
  text = text.replace(CONTROL, "");
  if (text.length > max) text = `${text.slice(0, max)}…`;
  return JSON.stringify(text);
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
