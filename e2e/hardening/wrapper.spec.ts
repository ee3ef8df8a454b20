// Issue 13 item 0: the route wrapper's own promises, over HTTP on the production build — bodies
// are capped while they stream (declared or chunked: 413 before the whole body is read), a
// state-changing request with the session must come from the app's own pages, and a public
// form post (signing, binding) from another site is refused.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { tokenFor } from "../fixtures/api-tokens";
import { adminCredentials, signIn } from "../fixtures/session";
import { APP_ORIGIN } from "./surface";

const MiB = 1024 * 1024;

/** POSTs `chunks` with Transfer-Encoding: chunked (no Content-Length), as a streaming client would. */
function postChunked(
  path: string,
  headers: Record<string, string>,
  chunk: Buffer,
  count: number,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, APP_ORIGIN), {
      method: "POST",
      headers: { ...headers, "transfer-encoding": "chunked" },
    });
    let sent = 0;
    let answered: { status: number; body: string } | null = null;
    const done = () =>
      answered ? resolve({ ...answered, sent }) : reject(new Error(`no answer after ${sent} chunks`));
    req.on("response", (res) => {
      answered = { status: res.statusCode ?? 0, body: "" };
      res.setEncoding("utf8");
      res.on("data", (d: string) => (answered!.body += d));
      res.on("end", done);
      res.on("close", done);
    });
    // The server may answer and drop the connection before every chunk is written: that is the point.
    req.on("error", () => setTimeout(done, 200));
    req.setTimeout(30_000, () => req.destroy(new Error("timed out")));
    // Just past the cap, then hold the body open: the server must answer without the end of it
    // (and has read all that was sent, so closing the connection cannot drop its answer).
    const pump = () => {
      while (sent < count) {
        sent++;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      setTimeout(() => req.end(), 10_000).unref();
    };
    pump();
  });
}

test("a JSON body over its cap is refused with 413, by its declared length and while it streams", async ({
  request,
}) => {
  const auth = {
    authorization: `Bearer ${await tokenFor(adminCredentials().email)}`,
    "content-type": "application/json",
  };
  const big = JSON.stringify({ name: "x".repeat(2 * MiB) });
  const declared = await request.post("/api/v6/identity-providers", { headers: auth, data: big });
  expect(declared.status()).toBe(413);
  expect((await declared.json()).error.code).toBe("payload_too_large");

  const chunked = await postChunked("/api/v6/roles", auth, Buffer.alloc(64 * 1024, 0x20), 17);
  expect(chunked.status).toBe(413);
  expect(JSON.parse(chunked.body).error).toMatchObject({ code: "payload_too_large" });
});

test("an upload is capped the same way, with the file's own limit in the message", async ({ request }) => {
  const auth = {
    authorization: `Bearer ${await tokenFor(adminCredentials().email)}`,
    "content-type": "multipart/form-data; boundary=x",
  };
  // Declared over the cap: refused before a byte of it is read (the chunked case is the JSON test's).
  const res = await request.post("/api/v6/file/upload", { headers: auth, data: Buffer.alloc(11 * MiB, 0x41) });
  expect(res.status()).toBe(413);
  expect((await res.json()).error.message).toMatch(/larger than 10 MB/);
});

test("with the session, a state-changing request from another origin is refused; from the app's own it passes the check", async ({
  page,
}) => {
  await signIn(page, adminCredentials());
  const body = { name: `wrapper-${Date.now()}`, description: "", permissions: {} };
  const foreign = await page.request.post("/api/v6/roles", { headers: { origin: "https://evil.example" }, data: body });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.message).toBe("Cross-origin request refused");
  const own = await page.request.post("/api/v6/roles", { headers: { origin: APP_ORIGIN }, data: body });
  expect(own.status(), await own.text()).toBe(201);
});

test("public form posts (start signing, start binding) from another site are refused before anything is read", async ({
  request,
}) => {
  for (const path of [`/sign/${"a".repeat(43)}/start`, `/bind/${"a".repeat(43)}/start`]) {
    const res = await request.post(path, {
      headers: { origin: "https://evil.example" },
      form: { providerId: crypto.randomUUID() },
      maxRedirects: 0,
    });
    expect(res.status(), path).toBe(403);
  }
});
