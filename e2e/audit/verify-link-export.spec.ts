// Issue 16: the security log's Verify integrity link works after an empty FILTER and when already
// verifying (it became "/settings/audit&verify=1", a 404); unknown pages show the app's own 404;
// Export JSON downloads a file, as Export CSV does, on the security log and on an envelope's trail.
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { emitAudit } from "../../lib/audit/emit-audit";
import { withDb } from "../fixtures/database";
import { signIn } from "../fixtures/session";

const integrity = (page: Page) => page.getByRole("status").filter({ hasText: /^Integrity/ });

test("Verify integrity works after FILTER with every field empty, and again when already verifying", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/settings/audit");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/settings\/audit\?from=&to=/);
  await page.getByRole("link", { name: "Verify integrity" }).click();
  await expect(page.getByRole("heading", { name: "Security log" })).toBeVisible();
  await expect(integrity(page)).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/settings/audit");
  expect(new URL(page.url()).searchParams.get("verify")).toBe("1");

  await page.goto("/settings/audit?verify=1");
  await page.getByRole("link", { name: "Verify integrity" }).click();
  await expect(page.getByRole("heading", { name: "Security log" })).toBeVisible();
  await expect(integrity(page)).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/settings/audit");
  expect([...new URL(page.url()).searchParams.getAll("verify")]).toEqual(["1"]);
});

test("an address that names no page shows the app's own not-found page, signed in or not", async ({ page }) => {
  for (const url of ["/settings/audit&verify=1", "/settings/no-such-page", "/no-such-page"]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" }), url).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the start" }), url).toBeVisible();
  }
  await signIn(page);
  for (const url of ["/settings/audit&verify=1", "/settings/no-such-page", "/documents/x/y/z"]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" }), url).toBeVisible();
  }
});

async function downloadJson(page: Page, link: string): Promise<{ name: string; body: unknown }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: link, exact: true }).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), body: JSON.parse(await readFile(file, "utf8")) };
}

test("Export JSON downloads the security log and an envelope's trail as JSON files", async ({ page }) => {
  const envelopeId = randomUUID();
  const actor = `export-${Date.now()}@example.test`;
  await withDb(async (db) => {
    await emitAudit(db, { actor: { kind: "system" }, ip: null }, { action: "WorkstepCreated", envelopeId, data: {} });
    await emitAudit(
      db,
      { actor: { kind: "anonymous" }, ip: "192.0.2.9" },
      { action: "LoginFailed", data: { email: actor, method: "password", reason: "wrong" }, actorLabel: actor },
    );
  });
  await signIn(page);

  await page.goto("/settings/audit");
  await page.getByLabel("Actor").fill(actor);
  await page.getByRole("button", { name: "Filter" }).click();
  const log = await downloadJson(page, "Export JSON");
  expect(log.name).toBe("security-log.json");
  expect(log.body).toMatchObject({ items: [{ action: "LoginFailed", actor }] });
  expect((log.body as { items: unknown[] }).items).toHaveLength(1);
  await expect(page.getByRole("heading", { name: "Security log" })).toBeVisible();

  await page.goto(`/documents/${envelopeId}`);
  const trail = await downloadJson(page, "Export JSON");
  expect(trail.name).toBe(`audit-trail-${envelopeId}.json`);
  expect(trail.body).toMatchObject({ envelopeId, events: [{ action: "WorkstepCreated" }] });
  await expect(page.getByRole("heading", { name: "Envelope audit trail" })).toBeVisible();
});
