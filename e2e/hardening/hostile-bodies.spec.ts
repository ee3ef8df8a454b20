// Issue 8, hostile input over HTTP: arbitrary JSON, broken JSON and wrong content types sent to
// every REST route that takes a body get a 4xx with the error shape, never a 500. Ids are
// random, so no request can change a real record whatever the body says.
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { tokenFor } from "../fixtures/api-tokens";
import { adminCredentials } from "../fixtures/session";
import { hostileJson } from "../../lib/testing/hostile-json";
import { apiRoutes, fill } from "./routes";

const WRITES = ["POST", "PUT", "PATCH"];
const RAW_BODIES: [string, string][] = [
  ["application/json", "{"],
  ["application/json", '{"a":'],
  ["application/json", ""],
  ["application/json", `${"[".repeat(5000)}${"]".repeat(5000)}`],
  ["application/json", '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
  // Members that replace the conversion methods: zod 4.6 threw a TypeError on these (a 500).
  [
    "application/json",
    '{"email":{"length":{"toString":0}},"name":{"length":{"valueOf":1}},"clientId":{"length":{"toString":0}}}',
  ],
  ["text/plain", "name=x"],
  ["application/x-www-form-urlencoded", "name=%3Cimg%20src%3Dx%3E"],
];

test("every REST write answers hostile bodies with a 4xx and the error shape, never a 500", async ({ request }) => {
  test.setTimeout(120_000);
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const routes = apiRoutes().flatMap((r) =>
    r.methods.filter((m) => WRITES.includes(m)).map((method) => ({ ...r, method })),
  );
  expect(routes.length).toBeGreaterThan(8);
  const bodies = fc.sample(hostileJson, { numRuns: 25, seed: 8 });
  let sent = 0;
  for (const r of routes) {
    const url = fill(r.pattern);
    const attempts: { headers: Record<string, string>; data: unknown }[] = [
      ...bodies.map((b) => ({ headers: { ...auth, "content-type": "application/json" }, data: JSON.stringify(b) })),
      ...RAW_BODIES.map(([type, raw]) => ({ headers: { ...auth, "content-type": type }, data: raw })),
    ];
    for (const a of attempts) {
      const res = await request.fetch(url, {
        method: r.method,
        headers: a.headers,
        data: a.data as string,
        maxRedirects: 0,
      });
      const what = `${r.method} ${r.pattern} with ${String(a.data).slice(0, 60)}`;
      expect(res.status(), what).toBeGreaterThanOrEqual(400);
      expect(res.status(), what).toBeLessThan(500);
      const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof body.error?.code, what).toBe("string");
      expect(typeof body.error?.message, what).toBe("string");
      sent += 1;
    }
  }
  expect(sent).toBeGreaterThan(200);
});

test("a body with a toString member is a 400 naming its JSON path", async ({ request }) => {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const res = await request.post("/api/v6/users", { headers: auth, data: { email: { length: { toString: 0 } } } });
  expect(res.status()).toBe(400);
  expect((await res.json()).error).toMatchObject({
    code: "validation_failed",
    details: [{ path: "$.email.length.toString" }],
  });
});

test("GET /users with forged cursors (any sort, any key types) answers 200 or 400, never a 500", async ({
  request,
}) => {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const id = crypto.randomUUID();
  const sorts = [
    "email",
    "-email",
    "firstName",
    "lastName",
    "username",
    "sid",
    "roles",
    "-roles",
    "enabled",
    "-enabled",
  ];
  const keys: unknown[][] = [[true], [false], ["x"], [""], ["x", "y"], [], [true, "x"], ["x", true]];
  for (const sort of sorts) {
    for (const k of keys) {
      for (const g of [undefined, "x", id]) {
        const cursor = Buffer.from(JSON.stringify({ s: sort, k, id, ...(g === undefined ? {} : { g }) })).toString(
          "base64url",
        );
        const res = await request.get(`/api/v6/users?sort=${encodeURIComponent(sort)}&cursor=${cursor}`, {
          headers: auth,
        });
        expect(
          [200, 400],
          `${sort} k=${JSON.stringify(k)} g=${g}: ${res.status()} ${(await res.text()).slice(0, 200)}`,
        ).toContain(res.status());
      }
    }
  }
});
