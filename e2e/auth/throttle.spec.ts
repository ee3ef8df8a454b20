// Issue 13 item 7: the sign-in throttle cannot lock the owner out, nor be steered by headers.
// Requests go out from chosen loopback addresses (127.0.0.x), so the app sees real, different
// peer addresses; global setup trusts 127.0.0.10 as the only proxy (TRUSTED_PROXIES).
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "../../playwright.config";
import { seedUser } from "../../db/test/seed";
import { tokenFor } from "../fixtures/api-tokens";
import { openE2eDb } from "../fixtures/database";
import { adminCredentials } from "../fixtures/session";

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP request to the app from a given loopback source address (Host stays localhost). */
function send(
  from: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: E2E_PORT,
        localAddress: from,
        method,
        path,
        headers: { host: `localhost:${E2E_PORT}`, ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const cookiesOf = (a: Answer) => ((a.headers["set-cookie"] as string[] | undefined) ?? []).map((c) => c.split(";")[0]!);

/**
 * A password sign-in through next-auth's credentials endpoint, as the login form does.
 * Answers "ok" or the refusal code next-auth puts in the redirect.
 */
async function signInFrom(
  from: string,
  email: string,
  password: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const csrf = await send(from, "GET", "/api/auth/csrf", extra);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString();
  const answer = await send(
    from,
    "POST",
    "/api/auth/callback/password",
    { ...extra, "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body,
  );
  expect(answer.status).toBe(302);
  const location = new URL(String(answer.headers.location), `http://localhost:${E2E_PORT}`);
  if (location.searchParams.get("error")) return location.searchParams.get("code") ?? "error";
  expect(cookiesOf(answer).some((c) => c.includes("session-token="))).toBe(true);
  return "ok";
}

async function newUser() {
  const handle = await openE2eDb();
  try {
    const seeded = await seedUser(handle.db);
    return { email: seeded.email, password: seeded.password! };
  } finally {
    await handle.close();
  }
}

type Event = { action: string; ip: string | null; data: Record<string, unknown>; description: string };

/** The organisation's security log as the administrator reads it through the REST API, oldest first. */
async function securityLogAbout(email: string): Promise<Event[]> {
  const token = await tokenFor(adminCredentials().email);
  const answer = await fetch(`http://localhost:${E2E_PORT}/api/v6/audit-trail/security-log?limit=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(200);
  const { items } = (await answer.json()) as { items: Event[] };
  return items.filter((e) => e.data.email === email || e.description.includes(email)).reverse();
}

test("five wrong passwords with rotating X-Forwarded-For neither lock the account nor put the forged addresses in the trail", async () => {
  const user = await newUser();
  for (let i = 1; i <= 5; i++) {
    expect(await signInFrom("127.0.0.1", user.email, "wrong-password", { "x-forwarded-for": `198.51.100.${i}` })).toBe(
      "invalid",
    );
  }
  // The owner, from an address that has never failed, signs in.
  expect(await signInFrom("127.0.0.3", user.email, user.password)).toBe("ok");

  const failed = (await securityLogAbout(user.email)).filter((e) => e.action === "LoginFailed");
  expect(failed).toHaveLength(5);
  for (const e of failed) expect(e.ip).toBe("127.0.0.1"); // the socket's peer: no proxy is trusted from there
});

test("X-Forwarded-For counts only from a trusted proxy, read right to left", async () => {
  const user = await newUser();
  // 127.0.0.10 is the trusted proxy: the client is the first untrusted address from the right.
  expect(
    await signInFrom("127.0.0.10", user.email, "wrong-password", { "x-forwarded-for": "203.0.113.66, 198.51.100.77" }),
  ).toBe("invalid");
  const [failed] = (await securityLogAbout(user.email)).filter((e) => e.action === "LoginFailed");
  expect(failed?.ip).toBe("198.51.100.77");
});

test("failures slow down only their own address: the right password from another address still signs in", async () => {
  const user = await newUser();
  test.setTimeout(180_000);
  // Nine counted failures: the waits after the 5th..9th are 1, 2, 4, 8, 16 s (an attempt during
  // a wait is refused unchecked and not counted), so the last wait outlasts a slow machine's request.
  const answers: string[] = [];
  for (let i = 0; i < 200 && answers.filter((a) => a === "invalid").length < 9; i++) {
    const answer = await signInFrom("127.0.0.2", user.email, "wrong-password");
    answers.push(answer);
    // A refusal during a wait is not counted: let the wait run out before the next counted failure.
    if (answer === "throttled") await new Promise((r) => setTimeout(r, 500));
  }
  expect(answers.slice(0, 5)).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid"]);
  expect(answers.filter((a) => a === "invalid")).toHaveLength(9);
  // While 127.0.0.2 waits, even the right password is refused from there …
  expect(await signInFrom("127.0.0.2", user.email, user.password)).toBe("throttled");
  // … but not from an address with no failures.
  expect(await signInFrom("127.0.0.4", user.email, user.password)).toBe("ok");
});

test("refusals are audited at most 20 a minute per account, the rest summed up in one row", async () => {
  test.setTimeout(240_000);
  const user = await newUser();
  for (let i = 0; i < 30; i++) {
    expect(await signInFrom(`127.0.1.${i + 1}`, user.email, "wrong-password")).toBe("invalid");
  }
  expect(await signInFrom("127.0.2.1", user.email, user.password)).toBe("ok");
  const trail = await securityLogAbout(user.email);
  const actions = trail.map((e) => e.action);
  expect(actions.filter((a) => a === "LoginFailed")).toHaveLength(20);
  expect(actions.slice(-2)).toEqual(["LoginFailedMore", "LoginSucceeded"]);
  expect(trail.at(-2)?.data).toMatchObject({ email: user.email, count: 10, lastIp: "127.0.1.30" });
});
