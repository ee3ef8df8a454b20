import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatClaimPath, type PathSegment } from "@/lib/oauth/claim-path";
import { checkBodySchema, expectCleanResult, hostileJson } from "@/lib/testing/schema-properties";
import { discoveryToInput } from "./discovery";
import { AppError } from "@/lib/errors";
import {
  DATA_FIELD_KEYS,
  DATA_FIELDS,
  QUERY_PARAMETERS,
  SIGNING_ALGORITHMS,
  TOKEN_AUTH_METHODS,
} from "@/lib/oauth/provider-config";
import { ZDiscoveryRequest, ZProviderInput, ZSetProviderEnabled } from "./schema";

// Issue 8, hostile input: the bodies of POST/PUT/PATCH /api/v6/identity-providers and of discovery.

const text = (max: number) =>
  fc
    .string({ unit: "binary", minLength: 1, maxLength: max })
    .filter((s) => s.trim().length > 0 && s.trim().length <= max);
const uri = fc.webUrl({ validSchemes: ["https", "http"], withQueryParameters: true }).filter((u) => u.length <= 2000);
const claimPath = fc
  .array(
    fc.oneof(
      fc.string({ unit: "binary", minLength: 0, maxLength: 10 }).map((key): PathSegment => ({ kind: "key", key })),
      fc.nat({ max: 1000 }).map((index): PathSegment => ({ kind: "index", index })),
    ),
    { minLength: 1, maxLength: 4 },
  )
  // An index first would format as "[0]"; keep the first segment a key, as admins write them.
  .map((segments) =>
    formatClaimPath(segments[0]!.kind === "key" ? segments : [{ kind: "key", key: "root" }, ...segments]),
  );

const mapping = fc
  .record({
    path: claimPath,
    mode: fc.constantFrom("validate", "update"),
    respectCase: fc.boolean(),
    field: fc.constantFrom(...DATA_FIELD_KEYS),
    customFieldId: fc.option(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { nil: undefined }),
  })
  .map((m) => ({
    ...m,
    mode: DATA_FIELDS[m.field].updatable ? m.mode : "validate",
    customFieldId: m.field === "custom" ? (m.customFieldId ?? "ref-1") : m.customFieldId,
  }));

const jwt = fc.record({
  jwksUri: uri,
  issuer: text(200),
  addNonce: fc.boolean(),
  validateAudience: fc.boolean(),
  validateIssuer: fc.boolean(),
  validateLifetime: fc.boolean(),
  clockSkewSeconds: fc.integer({ min: 0, max: 600 }),
  allowedAlgorithms: fc.subarray([...SIGNING_ALGORITHMS], { minLength: 1 }),
  mappings: fc.array(mapping, { maxLength: 3 }),
});

const resourceUri = fc.record({
  uri,
  queryParameter: fc.constantFrom(...QUERY_PARAMETERS),
  mappings: fc.array(mapping, { maxLength: 3 }),
});

export const validProvider = fc
  .record(
    {
      name: text(100),
      clientId: text(100),
      clientSecret: fc.option(fc.string({ unit: "binary", maxLength: 100 }), { nil: null }),
      scope: fc.constantFrom("openid", "openid email profile", ""),
      authorizationUri: uri,
      tokenUri: uri,
      logoutUri: fc.option(fc.oneof(uri, fc.constant("")), { nil: null }),
      tokenEndpointAuthMethod: fc.constantFrom(...TOKEN_AUTH_METHODS),
      pkce: fc.boolean(),
      jwt: fc.option(jwt, { nil: null }),
      resourceUris: fc.array(resourceUri, { maxLength: 2 }),
      subjectPath: claimPath,
      usedForSignerAuthentication: fc.boolean(),
      usedForUserAuthentication: fc.boolean(),
      enabled: fc.boolean(),
    },
    { requiredKeys: ["name", "clientId", "authorizationUri", "tokenUri", "jwt", "resourceUris"] },
  )
  .chain((p) =>
    p.jwt || p.resourceUris.length ? fc.constant(p) : resourceUri.map((r) => ({ ...p, resourceUris: [r] })),
  )
  .map((p) => (p.tokenEndpointAuthMethod === "none" ? { ...p, pkce: true } : p));

describe("REST bodies of identity providers: properties", () => {
  it("provider create/update (ZProviderInput)", () => {
    checkBodySchema(ZProviderInput, validProvider, { numRuns: 120 });
  });

  it("PATCH enable/disable (ZSetProviderEnabled)", () => {
    checkBodySchema(ZSetProviderEnabled, fc.record({ enabled: fc.boolean() }));
  });

  it("discovery request (ZDiscoveryRequest): arbitrary JSON gives a clean result; both forms parse", () => {
    fc.assert(
      fc.property(hostileJson, (input) => {
        expectCleanResult(ZDiscoveryRequest, input);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          uri.map((url) => ({ url })),
          fc.dictionary(fc.string(), hostileJson, { maxKeys: 4 }).map((document) => ({ document })),
        ),
        (body) => {
          expect(expectCleanResult(ZDiscoveryRequest, body).success).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a pasted discovery document: any JSON object maps or is refused as validation_failed with JSON paths, never a crash", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            "issuer",
            "authorization_endpoint",
            "token_endpoint",
            "jwks_uri",
            "scopes_supported",
            "id_token_signing_alg_values_supported",
            "__proto__",
          ),
          hostileJson,
        ),
        (document) => {
          try {
            discoveryToInput(document);
          } catch (err) {
            expect(err).toBeInstanceOf(AppError);
            const details = (err as AppError).details as { path: string }[];
            for (const d of details) expect(d.path).toMatch(/^\$(\.[^.[\]]+|\[\d+\])*$/);
            // Array positions are written as JSON paths write them: $.scopes_supported[0], never $.scopes_supported.0
            for (const d of details) expect(d.path).not.toMatch(/\.\d+(\.|$)/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("names a bad array element of a pasted document by its JSON path", () => {
    const document = {
      issuer: "https://idp.example",
      authorization_endpoint: "https://idp.example/a",
      token_endpoint: "https://idp.example/t",
      scopes_supported: ["openid", 7],
    };
    expect(() => discoveryToInput(document)).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        details: [expect.objectContaining({ path: "$.scopes_supported[1]" })],
      }),
    );
  });

  it("a provider with markup and prototype names everywhere is just text", () => {
    const markup = "<img src=x onerror=alert(1)>";
    const parsed = ZProviderInput.parse({
      name: markup,
      clientId: "__proto__",
      authorizationUri: "https://idp.example/a",
      tokenUri: "https://idp.example/t",
      resourceUris: [
        {
          uri: "https://idp.example/me",
          mappings: [{ path: "['__proto__'].constructor", mode: "validate", field: "email" }],
        },
      ],
    });
    expect(parsed.name).toBe(markup);
    expect(parsed.clientId).toBe("__proto__");
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});
