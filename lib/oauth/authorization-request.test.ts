import { describe, expect, it } from "vitest";
import { engineProvider } from "@/lib/testing/engine-provider";
import { buildAuthorizationUrl, createFlowSecrets } from "./authorization-request";

const provider = engineProvider({
  clientId: "client",
  clientSecret: "secret",
  authorizationUri: "https://idp.example/authorize",
  tokenUri: "https://idp.example/token",
});

describe("the authorization request", () => {
  it("leaves the provider's session alone unless asked", async () => {
    const url = await buildAuthorizationUrl(provider, "https://app.example/cb", createFlowSecrets());
    expect([url.searchParams.has("prompt"), url.searchParams.has("max_age")]).toEqual([false, false]);
  });

  it("asks for the sign-in form again with prompt=login, and max_age=0 where the caller knows it is honoured", async () => {
    const secrets = createFlowSecrets();
    const login = await buildAuthorizationUrl(provider, "https://app.example/cb", secrets, { prompt: "login" });
    expect([login.searchParams.get("prompt"), login.searchParams.has("max_age")]).toEqual(["login", false]);
    const both = await buildAuthorizationUrl(provider, "https://app.example/cb", secrets, {
      prompt: "login",
      maxAge: 0,
    });
    expect([both.searchParams.get("prompt"), both.searchParams.get("max_age")]).toEqual(["login", "0"]);
    expect(both.searchParams.get("state")).toBe(secrets.state);
  });
});
