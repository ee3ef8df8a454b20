// Issue 13 item 9: text from outside cannot forge the trail. An anonymous caller starts a sign-in
// at a provider's Logon URL and answers its own callback with an error_description full of line
// breaks, terminal escapes and bidi overrides; the security log (JSON and CSV) shows them escaped.
import { expect, test } from "@playwright/test";
import { tokenFor } from "../fixtures/api-tokens";
import { adminCredentials } from "../fixtures/session";

const issuer = () => process.env.E2E_IDP_ISSUER!;
// C0 (CR, LF, ESC, NUL-free), DEL, C1 (NEL, CSI), bidi overrides/isolates and marks.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/;
const hostile =
  "ok\r\n2026-01-01T00:00:00Z LoginSucceeded admin\u001b[31m red \u001b]0;title\u0007\u0085\u009b\u007f \u202egnp.exe\u202c \u2066x\u2069\u200f\u061c";

/** Every string in a JSON value, keys included. */
const stringsOf = (v: unknown): string[] =>
  typeof v === "string"
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(stringsOf)
      : v && typeof v === "object"
        ? Object.entries(v).flatMap(([k, x]) => [k, ...stringsOf(x)])
        : [];

test("an IdP error_description with CR/LF, escapes and bidi characters is escaped in the security log and its CSV", async ({
  request,
  playwright,
}) => {
  const admin = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const d = await (
    await request.post("/api/v6/identity-providers/discovery", {
      headers: admin,
      data: { url: `${issuer()}/.well-known/openid-configuration` },
    })
  ).json();
  const created = await request.post("/api/v6/identity-providers", {
    headers: admin,
    data: {
      ...d.input,
      name: `=HYPERLINK("http://evil.example") ${Date.now()}`,
      clientId: "client-basic",
      clientSecret: process.env.E2E_IDP_BASIC_SECRET,
      usedForUserAuthentication: true,
    },
  });
  expect(created.status()).toBe(201);
  const providerId = (await created.json()).id as string;

  // The anonymous caller: its own browser-less client with its own cookie jar.
  const anonymous = await playwright.request.newContext({
    baseURL: `http://localhost:${process.env.E2E_PORT ?? 3100}`,
  });
  const start = await anonymous.get(`/oauth/login/${providerId}`, { maxRedirects: 0 });
  expect(start.status()).toBe(303);
  const state = new URL(start.headers()["location"]!).searchParams.get("state");
  expect(state).toBeTruthy();
  const callback = `/oauth/callback/${providerId}?${new URLSearchParams({ state: state!, error: "access_denied\u001b[2J", error_description: hostile })}`;
  await anonymous.get(callback, { maxRedirects: 0 });
  await anonymous.dispose();

  const log = await (
    await request.get(`/api/v6/audit-trail/security-log?provider=${providerId}&action=LoginFailed`, { headers: admin })
  ).json();
  expect(log.items).toHaveLength(1);
  const [event] = log.items;
  const reason = String(event.data.reason);
  expect(reason).toContain("ok\\u{d}\\u{a}2026-01-01T00:00:00Z LoginSucceeded admin\\u{1b}[31m red"); // visible, on one line
  expect(reason).toContain("\\u{202e}gnp.exe\\u{202c}");
  for (const text of stringsOf(event)) expect(text).not.toMatch(FORBIDDEN);

  const csv = await request.get(`/api/v6/audit-trail/security-log?provider=${providerId}&format=csv`, {
    headers: admin,
  });
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  const rows = text.split("\r\n").filter(Boolean);
  // The security log holds administrators, users and the system: its actor column says so (an envelope's says Signer).
  expect(rows[0]).toBe(
    '"Date & Time","Action","Description","Actor","IP Address","Geolocation","Seq","Hash","Previous hash"',
  );
  // Every CSV line is one record: no cell carries a raw line break or control character.
  for (const row of rows) expect(row).not.toMatch(FORBIDDEN);
  const failedRow = rows.find((r) => r.includes("LoginFailed"))!;
  expect(failedRow).toContain("\\u{1b}[31m");
  // No cell starts with a formula prefix (a cell that would is prefixed with ').
  const cells = rows.flatMap((r) => r.slice(1, -1).split('","'));
  for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
});
