// The README's screenshots, taken from the demo so they stay current:
//   npm run build && npx tsx scripts/screenshots.ts
// Starts the demo (`scripts/start.ts --demo`: the demo OpenID Provider, its mail catcher, the
// demo data) on a fresh database of the local PostgreSQL, then in Chromium as the administrator:
// the Demo IdP's provider editor, its Test connection report (signed in at the IdP as alice),
// an envelope sent through REST from the seed's JSON and signed in as alice (the signer page,
// authenticated), and the envelope's audit trail. Writes docs/screenshots/*.png.
// PORT=3700 (the demo's IdP, SMTP and inbox on PORT+1, +25, +2); CHROMIUM_PATH=/usr/bin/chromium.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { openDatabase } from "../db/client";
import { users } from "../db/schema";
import { createTestDatabase } from "../db/test/databases";
import { eq } from "drizzle-orm";
import { createApiToken } from "../lib/auth/api-tokens";
import { samplePdf } from "../lib/envelopes/pdf";

const PORT = Number(process.env.PORT ?? 3700);
const OUT = path.join("docs", "screenshots");
const appUrl = `http://localhost:${PORT}`;
const admin = { email: "admin@example.com", password: `shots-${randomBytes(9).toString("base64url")}` };
const ports = { idp: PORT + 1, inbox: PORT + 2, mail: PORT + 25 };

function fail(message: string): never {
  console.error(`[screenshots] ${message}`);
  process.exit(1);
}

if (!existsSync(path.join(".next", "BUILD_ID"))) fail("No production build: run `npm run build` first.");

const database = await createTestDatabase("screenshots");
let output = "";
const app = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "start.ts"), "--demo"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    PORT: String(PORT),
    DEMO_IDP_PORT: String(ports.idp),
    DEMO_INBOX_PORT: String(ports.inbox),
    DEMO_MAIL_PORT: String(ports.mail),
    DATABASE_URL: database.url,
    WEB_CONCURRENCY: "1",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
app.stdout!.on("data", (d) => (output += d));
app.stderr!.on("data", (d) => (output += d));
const stopApp = () =>
  new Promise<void>((resolve) => {
    if (app.exitCode !== null) return resolve();
    app.once("exit", () => resolve());
    app.kill("SIGTERM");
  });

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (app.exitCode !== null) throw new Error(`the demo exited (code ${app.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** An API token for the administrator, made the way Settings → Api Tokens makes one. */
async function adminToken(): Promise<string> {
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 1 });
  try {
    const [row] = await handle.db.select().from(users).where(eq(users.email, admin.email));
    if (!row) throw new Error("the first administrator is missing");
    const ctx = { db: handle.db, actor: { kind: "user" as const, userId: row.id, email: row.email }, ip: "127.0.0.1" };
    return (await createApiToken({ ...ctx, userAgent: "screenshots" }, "README screenshots")).token;
  } finally {
    await handle.close();
  }
}

async function api(token: string, route: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  const res = await fetch(`${appUrl}${route}`, { ...init, headers, body });
  const answer = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${route}: HTTP ${res.status} ${JSON.stringify(answer)}`);
  return answer!;
}

/** An envelope from the seed's JSON for alice, authenticated at the Demo IdP; its signing link from the demo inbox. */
async function sendEnvelope(token: string): Promise<{ id: string; link: string }> {
  const form = new FormData();
  const pdf = new Uint8Array(samplePdf("Service agreement"));
  form.set("file", new Blob([pdf], { type: "application/pdf" }), "service-agreement.pdf");
  const { FileId } = (await api(token, "/api/v6/file/upload", { method: "POST", body: form })) as { FileId: string };
  const seed = readFileSync("lib/envelopes/fixtures/seed-001-send-envelope.json", "utf8")
    .replaceAll("##FileId##", FileId)
    .replaceAll("##EMAIL##", "alice@example.com")
    .replaceAll('"LastName": "##NAME##"', '"LastName": "Anders"')
    .replaceAll('"##NAME##"', '"Alice"')
    .replaceAll('"Parameter": "OAuthTest"', '"Parameter": "Demo IdP"')
    .replaceAll("##DelegationUri##", "https://example.test/d")
    .replaceAll("##SignatureImagesUri##", "https://example.test/i");
  const json = JSON.parse(seed) as { SendEnvelopeDescription: { Name: string } };
  json.SendEnvelopeDescription.Name = "Service agreement";
  const { EnvelopeId } = (await api(token, "/api/v6/envelope/send", { method: "POST", json })) as {
    EnvelopeId: string;
  };
  let link = "";
  await waitUntil("the invitation mail", async () => {
    const messages = (await (await fetch(`http://127.0.0.1:${ports.inbox}/messages`)).json()) as { text?: string }[];
    link =
      messages.map((m) => /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(m.text ?? "")?.[0]).find(Boolean) ??
      "";
    return link !== "";
  });
  return { id: EnvelopeId, link };
}

async function signInAtIdp(page: Page) {
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("alice-password");
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function shoot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`[screenshots] ${path.join(OUT, `${name}.png`)}`);
}

try {
  await waitUntil("the demo's start", async () => (await fetch(`${appUrl}/api/health`)).ok);
  mkdirSync(OUT, { recursive: true });
  const token = await adminToken();
  const { items } = (await api(token, "/api/v6/identity-providers")) as { items: { id: string; name: string }[] };
  const demoIdp = items.find((p) => p.name === "Demo IdP");
  if (!demoIdp) throw new Error(`no "Demo IdP" provider in ${items.map((p) => p.name).join(", ")}`);
  const envelope = await sendEnvelope(token);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ baseURL: appUrl, viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();

    await page.goto(`/settings/identity-providers/${demoIdp.id}`);
    await shoot(page, "provider-editor");

    const popup = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Test connection", exact: true }).click();
    const report = await popup;
    await report.setViewportSize({ width: 1280, height: 860 });
    await signInAtIdp(report);
    await report.getByRole("heading", { name: "Test connection report" }).waitFor();
    await shoot(report, "test-connection-report");

    const signer = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    await signer.goto(envelope.link);
    await signer.getByRole("button", { name: "Sign in with Demo IdP" }).click();
    await signInAtIdp(signer);
    await signer.getByText("You are authenticated.").waitFor();
    await shoot(signer, "signer-page");

    await page.goto(`/documents/${envelope.id}`);
    const trail = page.getByRole("heading", { name: "Envelope audit trail" });
    await trail.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -16));
    await shoot(page, "audit-trail");
  } finally {
    await browser.close();
  }
} catch (err) {
  console.error(`[screenshots] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  await stopApp();
  await database.drop();
}
