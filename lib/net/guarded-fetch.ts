import { fetch, type Response } from "undici";
import { checkOutboundUrl, ResolveError, type Resolver } from "./address-guard";
import { pinnedAgent } from "./pinned-agent";
import type { TrustedHost } from "./trusted-hosts";
import { readCappedStream } from "./read-capped";

// Every outbound call (DESIGN "Flows"): through the address guard, to the checked address
// only, timeout 10 s by default and 30 s at most, answers capped at 1 MiB, redirects never
// followed (a token must not travel to wherever a Location points; the caller decides).

export { closePinnedAgents } from "./pinned-agent";

export type OutboundErrorCode = "address_not_allowed" | "timeout" | "too_large" | "network";

/** A failed outbound call. The message is safe to show an admin: it never holds headers, body or query. */
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

export type GuardedRequest = { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string };

export type GuardedFetchOptions = {
  trustedHosts: TrustedHost[];
  timeoutMs?: number;
  maxBytes?: number;
  resolve?: Resolver;
};

export type GuardedResponse = {
  status: number;
  headers: Headers;
  url: string;
  bodyText: string;
  location: string | null;
};

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 30_000;
const MAX_BYTES = 1024 * 1024;

const clamp = (value: number, min: number, max: number) =>
  Math.min(Math.max(Number.isFinite(value) ? value : max, min), max);

// Messages name origin and path only: resource URIs may carry an access token in the query.
function describeTarget(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "the URL";
  }
}

/** Settles like `promise`, or rejects as soon as `signal` aborts (DNS lookups cannot be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function readCapped(response: Response, maxBytes: number, target: string): Promise<string> {
  const tooLarge = () =>
    new OutboundError("too_large", `The answer from ${target} is larger than the limit of ${maxBytes} bytes`);
  return new TextDecoder().decode(
    await readCappedStream(response.body, response.headers.get("content-length"), maxBytes, tooLarge),
  );
}

// Only error codes reach the message: some error texts (invalid header values) quote the value.
function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string") return code;
    if (message === "bad port") return "port blocked by the Fetch standard";
  }
  return undefined;
}

function toOutboundError(err: unknown, timedOut: boolean, target: string, timeoutMs: number): OutboundError {
  if (err instanceof OutboundError) return err;
  if (timedOut) return new OutboundError("timeout", `${target} did not answer within ${timeoutMs} ms`);
  if (err instanceof ResolveError) return new OutboundError("network", err.message);
  const code = errorCode(err);
  return new OutboundError("network", `Could not reach ${target}${code ? ` (${code})` : ""}`);
}

/**
 * Calls `raw` through the address guard. Any HTTP status comes back (a 3xx with `location`
 * set, unfollowed); refusals and failures throw OutboundError.
 */
export async function guardedFetch(
  raw: string,
  init: GuardedRequest,
  opts: GuardedFetchOptions,
): Promise<GuardedResponse> {
  const method = init.method ?? "GET";
  if (method === "GET" && init.body !== undefined)
    throw new TypeError("guardedFetch: a GET request cannot have a body");
  const timeoutMs = clamp(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
  const maxBytes = clamp(opts.maxBytes ?? MAX_BYTES, 0, MAX_BYTES);
  const target = describeTarget(raw);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const decision = await untilAborted(
      checkOutboundUrl(raw, { trustedHosts: opts.trustedHosts, resolve: opts.resolve }),
      controller.signal,
    );
    if (!decision.ok) throw new OutboundError("address_not_allowed", decision.reason);
    const response = await fetch(decision.url, {
      method,
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      signal: controller.signal,
      dispatcher: pinnedAgent(decision.url.hostname, decision.addresses),
    });
    const bodyText = await readCapped(response, maxBytes, target);
    return {
      status: response.status,
      headers: new Headers([...response.headers]),
      url: decision.url.href,
      bodyText,
      location: response.headers.get("location"),
    };
  } catch (err) {
    throw toOutboundError(err, controller.signal.aborted, target, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
