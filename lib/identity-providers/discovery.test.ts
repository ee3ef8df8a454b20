import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { discoveryToInput, loadDiscovery, wellKnownUrl } from "./discovery";

let idp: OidcFixture;
beforeAll(async () => {
  idp = await startOidcProvider();
});
afterAll(async () => {
  await idp.close();
});
const trusted = () => [`127.0.0.1:${idp.port}`];

describe("create from discovery", () => {
  it("fills endpoints, JWKS, issuer and supported settings from the real provider's document", async () => {
    const result = await loadDiscovery(wellKnownUrl(idp.issuer), trusted());
    expect(result.input).toMatchObject({
      authorizationUri: `${idp.issuer}/auth`,
      tokenUri: `${idp.issuer}/token`,
      tokenEndpointAuthMethod: "client_secret_basic",
      pkce: true,
      jwt: { jwksUri: `${idp.issuer}/jwks`, issuer: idp.issuer, validateIssuer: true },
    });
    expect(result.input.logoutUri).toBe(`${idp.issuer}/session/end`);
    expect(result.input.jwt!.allowedAlgorithms).toEqual(expect.arrayContaining(["RS256", "ES256", "PS256"]));
    expect(result.input.jwt!.allowedAlgorithms).not.toContain("none");
  });

  it("goes through the address guard: the same provider is refused when its host is not trusted", async () => {
    await expect(loadDiscovery(wellKnownUrl(idp.issuer), [])).rejects.toMatchObject({ code: "address_not_allowed" });
  });

  it("refuses a document whose issuer does not match the URL it came from", () => {
    const doc = {
      issuer: "https://evil.example",
      authorization_endpoint: "https://evil.example/a",
      token_endpoint: "https://evil.example/t",
      jwks_uri: "https://evil.example/j",
    };
    expect(() => discoveryToInput(doc, "https://idp.example.com/.well-known/openid-configuration")).toThrow(
      /belongs to the issuer "https:\/\/evil\.example", not to the address you entered/,
    );
    expect(discoveryToInput(doc).input.tokenUri).toBe("https://evil.example/t");
  });

  it("never offers 'none' or HS* algorithms, and says so", () => {
    const doc = {
      issuer: "https://i.example",
      authorization_endpoint: "https://i.example/a",
      token_endpoint: "https://i.example/t",
      jwks_uri: "https://i.example/j",
      id_token_signing_alg_values_supported: ["none", "HS256", "RS256"],
    };
    const result = discoveryToInput(doc);
    expect(result.input.jwt!.allowedAlgorithms).toEqual(["RS256"]);
    expect(result.notes[0]).toMatch(/never accepted/);
  });

  it("answers a precise error for a document that is not one", () => {
    expect(() => discoveryToInput({ issuer: "x" })).toThrow("This is not an OpenID Provider configuration document.");
  });
});
