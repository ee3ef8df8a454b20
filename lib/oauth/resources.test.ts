import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  defaultResourceBody,
  QUERY_TOKEN_MODES,
  startOAuth2Server,
  type OAuth2Fixture,
  type QueryTokenMode,
  type RecordedRequest,
} from "@/e2e/fixtures/oauth2-server";
import type { ResourceUri } from "./provider-config";
import { closePinnedAgents } from "@/lib/net/guarded-fetch";
import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import { callResourceUris } from "./resources";
import { FlowError, type OutboundOptions } from "./types";

// TESTING 23-25 against the plain OAuth2 fixture on loopback, trusted by this test's list only.

let srv: OAuth2Fixture;
let out: OutboundOptions;
let token: string;

beforeAll(async () => {
  srv = await startOAuth2Server();
  out = { trustedHosts: parseTrustedHosts([`127.0.0.1:${srv.port}`]) };
});
afterAll(async () => {
  await srv?.close();
  await closePinnedAgents();
});
beforeEach(() => {
  srv.setScenario();
  srv.clearRequests();
  token = srv.issueAccessToken();
});

const resource = (uri: string, queryParameter: QueryTokenMode = "access_token"): ResourceUri => ({
  uri,
  queryParameter,
  mappings: [],
});
const call = (uris: ResourceUri[], tokenType = "Bearer", opts?: Parameters<typeof callResourceUris>[3]) =>
  callResourceUris(uris, { accessToken: token, tokenType }, out, opts);
const tokenParams = (r: RecordedRequest) => QUERY_TOKEN_MODES.filter((name) => new URLSearchParams(r.search).has(name));

/** The FlowError a call rejects with, after checking it names the step and leaks no token. */
async function flowError(promise: Promise<unknown>): Promise<FlowError> {
  const err = await promise.then(
    () => expect.fail("expected a FlowError"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FlowError);
  const flow = err as FlowError;
  expect(flow.step).toBe("resource");
  for (const text of [flow.message, flow.reason, flow.hint ?? "", JSON.stringify(flow)])
    expect(text).not.toContain(token);
  expect(flow.hint).toBeTruthy();
  return flow;
}

describe("query parameter modes (seed 001)", () => {
  it.each(QUERY_TOKEN_MODES)(
    "%s: sends the token in exactly that parameter and keeps the URI's own query",
    async (mode) => {
      const [result] = await call([resource(`${srv.resourceUrl(mode)}?lang=en&x=a%20b`, mode)]);
      expect(result).toEqual({
        uri: `${srv.resourceUrl(mode)}?lang=en&x=a%20b`,
        queryParameter: mode,
        status: 200,
        fallbackUsed: false,
        data: defaultResourceBody(),
      });
      expect(srv.requests).toHaveLength(1);
      const seen = srv.requests[0]!;
      expect(new URLSearchParams(seen.search).getAll(mode)).toEqual([token]);
      expect(tokenParams(seen)).toEqual([mode]);
      expect(seen.search.startsWith("?lang=en&x=a%20b&")).toBe(true);
      expect(JSON.stringify(result)).not.toContain(token);
    },
  );

  it("replaces a same-named parameter written into the configured URI, so the token is sent once", async () => {
    await call([resource(`${srv.resourceUrl("oauth_token")}?oauth_token=stale&keep=1`, "oauth_token")]);
    const seen = srv.requests[0]!;
    expect(new URLSearchParams(seen.search).getAll("oauth_token")).toEqual([token]);
    expect(seen.query.keep).toBe("1");
  });

  it.each(["Bearer", "bearer", "BEARER"])("token_type %s adds Authorization: Bearer", async (tokenType) => {
    await call([resource(srv.resourceUrl("oauth2_access_token"), "oauth2_access_token")], tokenType);
    expect(srv.requests[0]?.authorization).toBe(`Bearer ${token}`);
  });

  it.each(["mac", "N_A", "bearer-ish"])("token_type %s sends no Authorization header", async (tokenType) => {
    const [result] = await call([resource(srv.resourceUrl("bearer"), "bearer")], tokenType);
    expect(result?.status).toBe(200);
    expect(srv.requests[0]?.authorization).toBeUndefined();
    expect(srv.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("fallback on an HTTP error", () => {
  it.each(["fallback", "header"] as const)(
    "/resource/%s: retries once without the parameter, with the header",
    async (endpoint) => {
      const [result] = await call([resource(srv.resourceUrl(endpoint), "oauth_token")]);
      expect(result).toMatchObject({ status: 200, fallbackUsed: true, data: defaultResourceBody() });
      expect(srv.requests.map((r) => [r.path, tokenParams(r), r.authorization])).toEqual([
        [`/resource/${endpoint}`, ["oauth_token"], `Bearer ${token}`],
        [`/resource/${endpoint}`, [], `Bearer ${token}`],
      ]);
    },
  );

  it("fails closed on 401 both ways, naming the URI (not its query) and both answers", async () => {
    const err = await flowError(call([resource(`${srv.resourceUrl("status/401")}?tenant=7`)]));
    expect(err.reason).toContain(
      `resource URI ${srv.resourceUrl("status/401")} answered 401 with the query parameter 'access_token' and 401 without it`,
    );
    expect(err.reason).not.toContain("tenant=7");
    expect(err.hint).toMatch(/query parameter/);
    expect(srv.requests).toHaveLength(2);
  });

  it("a wrong parameter choice shows the provider's own error description", async () => {
    const err = await flowError(call([resource(srv.resourceUrl("oauth_token"), "access_token")]));
    expect(err.reason).toMatch(
      /answered 401 with the query parameter 'access_token' and 401 without it \(invalid_token: no valid token in \?oauth_token\)/,
    );
  });

  it("fails closed on 5xx after the fallback", async () => {
    const err = await flowError(call([resource(srv.resourceUrl("status/503"), "bearer")]));
    expect(err.reason).toMatch(/answered 503 with the query parameter 'bearer' and 503 without it/);
    expect(err.hint).toMatch(/resource server failed/);
    expect(srv.requests).toHaveLength(2);
  });

  it("does not retry when the token is not a bearer token (the retry would carry no token)", async () => {
    const err = await flowError(call([resource(srv.resourceUrl("status/401"))], "mac"));
    expect(err.reason).toMatch(
      /answered 401 with the query parameter 'access_token' \(status_401\); no retry without it, because the token endpoint gave token_type "mac", not Bearer/,
    );
    expect(srv.requests).toHaveLength(1);
  });
});

describe("answers that are not usable", () => {
  it("refuses an HTML answer without retrying", async () => {
    const err = await flowError(call([resource(srv.resourceUrl("not-json"))]));
    expect(err.reason).toMatch(
      /answered 200 with the query parameter 'access_token', but not JSON \(content-type "text\/html/,
    );
    expect(srv.requests).toHaveLength(1);
  });

  it("refuses a non-object answer after the fallback, saying what came before", async () => {
    srv.setScenario({ resourceBody: "just a string" });
    const err = await flowError(call([resource(srv.resourceUrl("fallback"))]));
    expect(err.reason).toMatch(
      /answered 200 without the query parameter 'access_token' \(after 500 with the query parameter 'access_token'\), but JSON that is not an object/,
    );
  });

  it("does not follow a redirect: the target sees no request and no token", async () => {
    const err = await flowError(call([resource(srv.resourceUrl("redirect"))]));
    expect(err.reason).toMatch(
      /answered 302 with the query parameter 'access_token', redirecting to http:\/\/127\.0\.0\.1:\d+\/resource\/redirect-target; redirects are not followed/,
    );
    expect(srv.requests.map((r) => r.path)).toEqual(["/resource/redirect"]);
  });

  it("refuses a host the address guard does not trust, before any connection", async () => {
    const err = await flowError(call([resource(`http://127.0.0.2:${srv.port}/resource/header`)]));
    expect(err.reason).toBe(
      `resource URI http://127.0.0.2:${srv.port}/resource/header: http:// is allowed only for trusted hosts`,
    );
    expect(err.hint).toMatch(/TRUSTED_HOSTS/);
    expect(srv.requests).toHaveLength(0);
  });

  it("refuses a configured URI that does not parse", async () => {
    const err = await flowError(call([resource("not a url")]));
    expect(err.reason).toBe('resource URI "not a url" is not a valid URL');
  });

  it("gives up on a slow resource server at the timeout", async () => {
    srv.setScenario({ resourceDelayMs: 2_000 });
    const err = await flowError(
      callResourceUris(
        [resource(srv.resourceUrl("header"))],
        { accessToken: token, tokenType: "Bearer" },
        { ...out, timeoutMs: 100 },
      ),
    );
    expect(err.reason).toMatch(/did not answer within 100 ms/);
  });
});

describe("several resource URIs and the userinfo sub (OIDC Core 5.3.2)", () => {
  it("calls them in order and returns their results in order", async () => {
    const uris = [
      resource(srv.resourceUrl("header"), "bearer"),
      resource(srv.resourceUrl("access_token")),
      resource(srv.resourceUrl("oauth_token"), "oauth_token"),
    ];
    const results = await call(uris);
    expect(results.map((r) => [r.uri, r.fallbackUsed])).toEqual([
      [srv.resourceUrl("header"), true],
      [srv.resourceUrl("access_token"), false],
      [srv.resourceUrl("oauth_token"), false],
    ]);
    expect(srv.requests.map((r) => r.path)).toEqual([
      "/resource/header",
      "/resource/header",
      "/resource/access_token",
      "/resource/oauth_token",
    ]);
  });

  it("stops at the first failing URI", async () => {
    await flowError(
      call([
        resource(srv.resourceUrl("access_token")),
        resource(srv.resourceUrl("status/500")),
        resource(srv.resourceUrl("oauth_token"), "oauth_token"),
      ]),
    );
    expect(srv.requests.map((r) => r.path)).toEqual([
      "/resource/access_token",
      "/resource/status/500",
      "/resource/status/500",
    ]);
  });

  it("accepts a userinfo answer for the ID token's subject", async () => {
    srv.setScenario({ resourceBody: { sub: "alice", email: "a@example.com" } });
    const [result] = await call([resource(srv.resourceUrl("bearer"), "bearer")], "Bearer", {
      idTokenSub: "alice",
      userinfoEndpoint: srv.resourceUrl("bearer"),
    });
    expect(result?.data).toEqual({ sub: "alice", email: "a@example.com" });
  });

  it.each([
    [
      "another sub",
      { sub: "mallory" },
      /answered sub "mallory", but the ID token's sub is "alice"; they must be equal/,
    ],
    ["no sub", { email: "a@example.com" }, /answered no sub, but the ID token's sub is "alice"/],
  ])("refuses a userinfo answer with %s", async (_, body, reason) => {
    srv.setScenario({ resourceBody: body });
    const err = await flowError(
      call([resource(`${srv.resourceUrl("bearer")}?schema=openid`, "bearer")], "Bearer", {
        idTokenSub: "alice",
        userinfoEndpoint: srv.resourceUrl("bearer"),
      }),
    );
    expect(err.reason).toMatch(reason);
  });

  it("refuses ANY resource answer whose top-level sub is another subject, userinfo or not (issue 13 item 10)", async () => {
    srv.setScenario({ resourceBody: { sub: "mallory", email: "a@example.com" } });
    const uris = [resource(srv.resourceUrl("bearer"), "bearer")];
    for (const userinfoEndpoint of [null, srv.resourceUrl("header")]) {
      const err = await flowError(call(uris, "Bearer", { idTokenSub: "alice", userinfoEndpoint }));
      expect(err.reason).toMatch(
        /^resource URI http:\/\/127\.0\.0\.1:\d+\/resource\/bearer answered sub "mallory", but the ID token's sub is "alice"; they must be equal$/,
      );
    }
  });

  it.each([
    ["null", null, /a sub that is not a string \(null\)/],
    ["an object", { id: "alice" }, /a sub that is not a string \(object\)/],
    ["a number that is another subject", 7, /answered sub "7"/],
  ])("refuses a resource whose sub is %s", async (_, sub, reason) => {
    srv.setScenario({ resourceBody: { sub } });
    const err = await flowError(
      call([resource(srv.resourceUrl("bearer"), "bearer")], "Bearer", { idTokenSub: "alice" }),
    );
    expect(err.reason).toMatch(reason);
  });

  it("accepts a resource without a sub (another kind of API), a list, a numeric sub equal to the ID token's; checks nothing without an ID token", async () => {
    const uris = [resource(srv.resourceUrl("bearer"), "bearer")];
    await expect(
      call(uris, "Bearer", { idTokenSub: "alice", userinfoEndpoint: srv.resourceUrl("header") }),
    ).resolves.toHaveLength(1); // default body: no sub
    srv.setScenario({ resourceBody: [{ sub: "mallory" }] });
    await expect(call(uris, "Bearer", { idTokenSub: "alice" })).resolves.toHaveLength(1);
    srv.setScenario({ resourceBody: { sub: 42 } });
    await expect(call(uris, "Bearer", { idTokenSub: "42" })).resolves.toHaveLength(1);
    srv.setScenario({ resourceBody: { sub: "mallory" } });
    await expect(
      call(uris, "Bearer", { idTokenSub: null, userinfoEndpoint: srv.resourceUrl("bearer") }),
    ).resolves.toHaveLength(1);
  });
});
