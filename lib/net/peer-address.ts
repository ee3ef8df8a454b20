import type { IncomingHttpHeaders } from "node:http";

/**
 * Route handlers and server actions of Next 16 do not see the socket (NextRequest.ip is gone, and
 * `next start` keeps a client's own X-Forwarded-For as it came), so the launcher serves Next
 * from its own HTTP server (scripts/serve-next.ts) and writes each connection's peer address
 * into this header, replacing any copy the client sent. The app believes the header only in a
 * process where that server runs (it marks the process); under a bare `next start` or `next dev`
 * the peer is unknown.
 */
export const PEER_HEADER = "x-signer-auth-peer";
const MARK = Symbol.for("signer-auth.peer-header-stamped");

/** Called by the launcher's server before Next starts in this process. */
export function markPeerHeaderStamped(): void {
  (globalThis as Record<symbol, unknown>)[MARK] = true;
}

/** Every request of the launcher's server, before Next sees it. */
export function stampPeerAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined): void {
  delete headers[PEER_HEADER];
  if (remoteAddress) headers[PEER_HEADER] = remoteAddress;
}

/** The socket's peer address, when this process's server wrote it. */
export function peerAddress(headers: Headers): string | null {
  if ((globalThis as Record<symbol, unknown>)[MARK] !== true) return null;
  return headers.get(PEER_HEADER);
}
