import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { OutboundError } from "@/lib/net/guarded-fetch";
import { discoveryToInput, loadDiscovery } from "./discovery";
import { unreachableMessage } from "./discovery-errors";

// Discovery failures as an administrator meets them (issue 16: "$.authorization_endpoint:
// Invalid input: expected string, received undefined"): each says what happened and what to do,
// against real listeners on loopback; the JSON path stays in the details.

const servers: Server[] = [];
const listen = async (server: Server) => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
};
let plain: number;
let tls: number;
let closed: number;

const routes: Record<string, (res: ServerResponse) => void> = {
  "/missing/.well-known/openid-configuration": (res) => res.writeHead(404).end("not found"),
  "/html/.well-known/openid-configuration": (res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Sign in</title>"),
  "/moved/.well-known/openid-configuration": (res) =>
    res.writeHead(302, { location: "https://idp.example/realms/x/.well-known/openid-configuration" }).end(),
  "/broken/.well-known/openid-configuration": (res) => res.writeHead(503).end(),
  "/other/.well-known/openid-configuration": (res) =>
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        issuer: "https://idp.example.com/realms/main",
        authorization_endpoint: "https://idp.example.com/a",
        token_endpoint: "https://idp.example.com/t",
      }),
    ),
};
const handler = (req: IncomingMessage, res: ServerResponse) =>
  (routes[req.url ?? ""] ?? routes["/missing/.well-known/openid-configuration"]!)(res);

beforeAll(async () => {
  plain = await listen(createServer(handler));
  // A self-signed certificate made for this run: real TLS, refused as the browser would.
  const dir = mkdtempSync(join(tmpdir(), "discovery-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  tls = await listen(
    createTlsServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, handler),
  );
  closed = await listen(createServer(handler));
  await new Promise((resolve) => servers.pop()!.close(resolve));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const failure = async (url: string, port: number) => {
  const err = await loadDiscovery(url, [`127.0.0.1:${port}`]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe("discovery failures in people's words", () => {
  it("404: no document at this address, and where it usually is", async () => {
    const err = await failure(`http://127.0.0.1:${plain}/missing/.well-known/openid-configuration`, plain);
    expect(err.message).toMatch(
      /^There is no discovery document at this address \(HTTP 404\)\. It is usually the issuer followed by \/\.well-known\/openid-configuration/,
    );
  });

  it("not JSON: probably a login or home page", async () => {
    const err = await failure(`http://127.0.0.1:${plain}/html/.well-known/openid-configuration`, plain);
    expect(err.message).toMatch(/^The address answered, but not with JSON: it may be a login or home page/);
  });

  it("a redirect names where it goes; a server error says try later or paste", async () => {
    const moved = await failure(`http://127.0.0.1:${plain}/moved/.well-known/openid-configuration`, plain);
    expect(moved.message).toContain("HTTP 302 to https://idp.example/realms/x/.well-known/openid-configuration");
    const broken = await failure(`http://127.0.0.1:${plain}/broken/.well-known/openid-configuration`, plain);
    expect(broken.message).toMatch(/^The provider had an error \(HTTP 503\)\. Try again later, or paste/);
  });

  it("issuer mismatch: which issuer it belongs to and the URL to load instead", async () => {
    const err = await failure(`http://127.0.0.1:${plain}/other/.well-known/openid-configuration`, plain);
    expect(err.message).toBe(
      'This configuration belongs to the issuer "https://idp.example.com/realms/main", not to the address you entered. ' +
        "Load https://idp.example.com/realms/main/.well-known/openid-configuration instead; if that is not reachable, " +
        "the provider's issuer setting (its public address) is wrong, which an administrator of the provider can fix.",
    );
  });

  it("TLS: a certificate this server does not trust, named as such", async () => {
    const err = await failure(`https://127.0.0.1:${tls}/x/.well-known/openid-configuration`, tls);
    expect(err.message).toMatch(
      /^This server does not trust the TLS certificate of 127\.0\.0\.1:\d+ \([A-Z_]+\)\. Use the provider's public HTTPS address/,
    );
  });

  it("nothing listening: check host, port and that the provider runs", async () => {
    const err = await failure(`http://127.0.0.1:${closed}/.well-known/openid-configuration`, closed);
    expect(err.message).toBe(
      `Nothing accepts connections at 127.0.0.1:${closed}. Check the host and port, and that the provider is running.`,
    );
  });

  it("timeout (10 s, not waited for here): the sentence says what to check", () => {
    expect(
      unreachableMessage(
        new OutboundError("timeout", "x did not answer"),
        "https://idp.example.com/.well-known/openid-configuration",
      ),
    ).toBe(
      "idp.example.com did not answer within 10 seconds. Check the address, and that this server can reach the provider (a firewall or proxy may be in the way).",
    );
  });

  it("a document missing fields: a sentence per field, the JSON path kept in the details", () => {
    const err = (() => {
      try {
        discoveryToInput({ issuer: "https://idp.example.com", token_endpoint: "not a url" });
      } catch (e) {
        return e as AppError;
      }
    })()!;
    expect(err.message).toBe(
      "This is not an OpenID Provider configuration document. A plain OAuth 2.0 server has none: enter its endpoints by hand below.",
    );
    expect(err.details).toEqual([
      {
        path: "$.authorization_endpoint",
        message: "Missing: the authorization endpoint (where people sign in) (authorization_endpoint).",
      },
      { path: "$.token_endpoint", message: "Not a URL: the token endpoint (token_endpoint)." },
    ]);
    expect(JSON.stringify(err.details)).not.toContain("Invalid input");
  });
});
