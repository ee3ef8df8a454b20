import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closePinnedAgents, guardedFetch, OutboundError } from "./guarded-fetch";
import { parseTrustedHosts } from "./trusted-hosts";

// Real calls, only to servers started here on 127.0.0.1 (TESTING 36): successes go through a
// trusted loopback entry, refusals use loopback spellings that are not on the trusted list.

type Seen = { method: string; url: string; host: string | undefined; authorization: string | undefined; body: string };
type Peer = { port: number; seen: Seen[]; server: http.Server };

async function startPeer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  host = "127.0.0.1",
): Promise<Peer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        host: req.headers.host,
        authorization: req.headers.authorization,
        body,
      });
      handle(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { port: (server.address() as AddressInfo).port, seen, server };
}

function routes(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path === "/json") return void res.writeHead(200, { "content-type": "application/json" }).end('{"sub":"alice"}');
  if (path === "/fail") return void res.writeHead(500).end("upstream broke");
  if (path === "/redirect")
    return void res.writeHead(302, { location: `http://127.0.0.1:${target.port}/landing` }).end();
  if (path === "/slow") {
    const timer = setTimeout(() => res.end("too late"), 2_000);
    return void res.on("close", () => clearTimeout(timer));
  }
  if (path === "/huge") {
    // 2 MiB in 64 KiB chunks, no content-length: only counting while reading can stop it.
    res.writeHead(200, { "content-type": "application/octet-stream" });
    const chunk = Buffer.alloc(64 * 1024, 97);
    let sent = 0;
    const pump = () => {
      while (sent < 32 && res.write(chunk)) sent++;
      if (sent >= 32) res.end();
      else res.once("drain", () => (sent++, pump()));
    };
    return pump();
  }
  if (path === "/ten") return void res.end("0123456789");
  res.end(`echo ${req.method}`);
}

let peer: Peer;
let target: Peer; // where /redirect points: it must never be reached
beforeAll(async () => {
  [peer, target] = await Promise.all([startPeer(routes), startPeer(routes)]);
});
beforeEach(() => {
  peer.seen.length = 0;
  target.seen.length = 0;
});
afterAll(async () => {
  await closePinnedAgents();
  for (const { server } of [peer, target]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const trusted = () => parseTrustedHosts([`127.0.0.1:${peer.port}`, `127.0.0.1:${target.port}`]);
const call = (url: string, opts: { timeoutMs?: number; maxBytes?: number } = {}) =>
  guardedFetch(url, {}, { trustedHosts: trusted(), ...opts });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the call should have failed"),
    (err: unknown) => err as OutboundError,
  );

describe("guardedFetch", () => {
  it("calls a trusted loopback peer and returns status, headers and body", async () => {
    const res = await guardedFetch(
      `http://127.0.0.1:${peer.port}/json`,
      { method: "POST", headers: { authorization: "Bearer t0k" }, body: "a=1" },
      { trustedHosts: trusted() },
    );
    expect(res).toMatchObject({
      status: 200,
      bodyText: '{"sub":"alice"}',
      url: `http://127.0.0.1:${peer.port}/json`,
      location: null,
    });
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(peer.seen).toEqual([
      { method: "POST", url: "/json", host: `127.0.0.1:${peer.port}`, authorization: "Bearer t0k", body: "a=1" },
    ]);
  });

  it.each(["127.0.0.2", "2130706433", "[::ffff:127.0.0.1]", "[::1]", "localhost", "0x7f.1"])(
    "refuses https://%s:<port> when it is not trusted, without connecting",
    async (host) => {
      const err = await failure(
        guardedFetch(`https://${host}:${peer.port}/json`, {}, { trustedHosts: parseTrustedHosts(["idp.other"]) }),
      );
      expect(err).toBeInstanceOf(OutboundError);
      expect(err).toMatchObject({ code: "address_not_allowed", message: expect.stringMatching(/loopback|localhost/) });
      expect(peer.seen).toEqual([]);
    },
  );

  it("reaches the server through a numeric spelling of a trusted address (the refusals above are not just unreachable hosts)", async () => {
    expect((await call(`http://2130706433:${peer.port}/json`)).status).toBe(200);
    expect(peer.seen).toHaveLength(1);
  });

  it("connects to the address the guard checked, keeping the host name in the Host header", async () => {
    // idp.test has no DNS entry anywhere: only the pinned answer can get this call through.
    const resolve = vi.fn(async () => ["127.0.0.1"]);
    const res = await guardedFetch(
      `http://idp.test:${peer.port}/json?x=1`,
      {},
      { trustedHosts: parseTrustedHosts(["idp.test"]), resolve },
    );
    expect(res.status).toBe(200);
    expect(peer.seen).toMatchObject([{ url: "/json?x=1", host: `idp.test:${peer.port}` }]);
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it("does not follow a redirect: the 3xx comes back with its location", async () => {
    const res = await call(`http://127.0.0.1:${peer.port}/redirect`);
    expect(res).toMatchObject({ status: 302, location: `http://127.0.0.1:${target.port}/landing` });
    expect(target.seen).toEqual([]);
  });

  it("returns a 500 answer instead of throwing", async () => {
    expect(await call(`http://127.0.0.1:${peer.port}/fail`)).toMatchObject({ status: 500, bodyText: "upstream broke" });
  });

  it("gives up after timeoutMs, without the query or headers in the message", async () => {
    const started = Date.now();
    const err = await failure(
      guardedFetch(
        `http://127.0.0.1:${peer.port}/slow?access_token=s3cret`,
        { headers: { authorization: "Bearer s3cret" } },
        { trustedHosts: trusted(), timeoutMs: 300 },
      ),
    );
    expect(err).toMatchObject({
      code: "timeout",
      message: `http://127.0.0.1:${peer.port}/slow did not answer within 300 ms`,
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("stops reading past maxBytes (default 1 MiB)", async () => {
    const err = await failure(call(`http://127.0.0.1:${peer.port}/huge`));
    expect(err).toMatchObject({ code: "too_large", message: expect.stringContaining("1048576 bytes") });
  });

  it("accepts an answer of exactly maxBytes and refuses one byte more", async () => {
    expect((await call(`http://127.0.0.1:${peer.port}/ten`, { maxBytes: 10 })).bodyText).toBe("0123456789");
    expect(await failure(call(`http://127.0.0.1:${peer.port}/ten`, { maxBytes: 9 }))).toMatchObject({
      code: "too_large",
    });
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await startPeer(routes);
    await new Promise((resolve) => closed.server.close(resolve));
    const err = await failure(
      guardedFetch(`http://127.0.0.1:${closed.port}/`, {}, { trustedHosts: parseTrustedHosts(["127.0.0.1"]) }),
    );
    expect(err).toMatchObject({
      code: "network",
      message: `Could not reach http://127.0.0.1:${closed.port}/ (ECONNREFUSED)`,
    });
  });
});
