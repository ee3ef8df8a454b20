import { decode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/sessions/sessions";
import { issueSessionCookie, openSessionCookie, sessionCookie } from "./session-cookie";

const secret = "test-auth-secret-0123456789abcdef0123456789";

describe("the session cookie a login's callback sets", () => {
  it("is next-auth's own JWT: its decode opens it with the secret and the cookie name as salt, to the user and the session row", async () => {
    const before = Math.floor(Date.now() / 1000);
    const cookie = await issueSessionCookie(
      { appUrl: "http://localhost:3000", authSecret: secret },
      { userId: "user-1", sessionId: "session-secret-id" },
    );
    expect(cookie.name).toBe("authjs.session-token");
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    const token = await decode({ token: cookie.value, secret, salt: cookie.name });
    expect(token).toMatchObject({ sub: "user-1", sid: "session-secret-id" });
    expect(Object.keys(token!).sort()).toEqual(["exp", "iat", "jti", "sid", "sub"]);
    expect(token!.exp! - before).toBeGreaterThanOrEqual(SESSION_MAX_AGE_SECONDS);
    expect(cookie.options.expires.getTime()).toBeGreaterThan(Date.now() + (SESSION_MAX_AGE_SECONDS - 60) * 1000);
    // Another secret, or the cookie under another name, opens nothing.
    await expect(decode({ token: cookie.value, secret: `${secret}x`, salt: cookie.name })).rejects.toThrow();
    await expect(decode({ token: cookie.value, secret, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
  });

  it("over https: the __Secure- name and the Secure attribute, as next-auth sets them", async () => {
    expect(sessionCookie("https://sign.example.com")).toEqual({
      name: "__Secure-authjs.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    const cookie = await issueSessionCookie(
      { appUrl: "https://sign.example.com", authSecret: secret },
      { userId: "u", sessionId: "s" },
    );
    expect(cookie.options.secure).toBe(true);
    expect(await decode({ token: cookie.value, secret, salt: "__Secure-authjs.session-token" })).toMatchObject({
      sub: "u",
      sid: "s",
    });
  });

  it("opens back to the user and the session row it names; altered, foreign or under another secret, to nothing", async () => {
    const config = { appUrl: "http://localhost:3000", authSecret: secret };
    const cookie = await issueSessionCookie(config, { userId: "user-2", sessionId: "row-id" });
    expect(await openSessionCookie(config, cookie.value)).toEqual({ userId: "user-2", sessionId: "row-id" });
    const altered = `${cookie.value.slice(0, -4)}${cookie.value.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect(await openSessionCookie(config, altered)).toBeNull();
    expect(await openSessionCookie({ ...config, authSecret: `${secret}x` }, cookie.value)).toBeNull();
    expect(await openSessionCookie({ ...config, appUrl: "https://localhost" }, cookie.value)).toBeNull();
    expect(await openSessionCookie(config, "not-a-jwt")).toBeNull();
  });
});
