import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import { emitAudit } from "../../lib/audit/emit-audit";
import { openE2eDb } from "../fixtures/database";
import { signIn } from "../fixtures/session";

const signer = { actor: { kind: "anonymous" as const }, ip: "203.0.113.5" };

async function seedEnvelopeTrail(envelopeId: string) {
  const handle = await openE2eDb();
  try {
    await emitAudit(
      handle.db,
      { actor: { kind: "system" }, ip: null },
      { action: "WorkstepCreated", envelopeId, data: {} },
    );
    await emitAudit(handle.db, signer, {
      action: "CalledPage",
      envelopeId,
      data: { page: "Signer Auth signing page", language: "en" },
      actorLabel: "Alice Anders",
    });
    await emitAudit(handle.db, signer, {
      action: "AuthenticationSuccess",
      envelopeId,
      actorLabel: "Alice Anders",
      data: {
        providerId: randomUUID(),
        providerName: "<b>Demo IdP</b>",
        subject: "sub-alice",
        authorizationUri: "https://idp.example/authorize",
        tokenUri: "https://idp.example/token",
        claims: { email: "alice@example.com" },
        resources: [
          {
            name: "license",
            uri: "https://api.example/license",
            data: { Type: "Per Number of Documents", Documents: { Total: 10000 } },
          },
        ],
      },
    });
    await emitAudit(handle.db, signer, {
      action: "AgreementAccepted",
      envelopeId,
      data: {},
      actorLabel: "Alice Anders",
    });
  } finally {
    await handle.close();
  }
}

test("an envelope's audit trail: the seed's table, readable descriptions, export, certificate and verify", async ({
  page,
}) => {
  const envelopeId = randomUUID();
  await seedEnvelopeTrail(envelopeId);
  await signIn(page);
  await page.goto(`/documents/${envelopeId}`);

  const table = page.getByRole("table");
  for (const h of ["Date & Time", "Action", "Description", "Signer", "IP Address", "Geolocation"]) {
    await expect(table.getByRole("columnheader", { name: h, exact: true })).toBeVisible();
  }
  const success = table.getByRole("row").filter({ hasText: "AuthenticationSuccess" });
  await expect(success).toContainText(
    "Authenticated with provider '<b>Demo IdP</b>' and id 'sub-alice' Authorization URI: https://idp.example/authorize Token URI: https://idp.example/token The following additional resources have been acquired: license:",
  );
  await expect(success).toContainText("Alice Anders");
  await expect(success).toContainText("203.0.113.5");
  await expect(page.locator("b", { hasText: "Demo IdP" })).toHaveCount(0); // markup shown as text

  await page.getByRole("link", { name: "Verify integrity" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Integrity" })).toContainText(
    "Integrity verified: all 4 events match",
  );

  const json = await (await page.request.get(`/api/v6/envelope/${envelopeId}/audit-trail`)).json();
  expect(json).toMatchObject({ envelopeId, chainValid: true });
  expect(json.events.map((e: { action: string }) => e.action)).toEqual([
    "WorkstepCreated",
    "CalledPage",
    "AuthenticationSuccess",
    "AgreementAccepted",
  ]);
  expect(json.events[2]).toMatchObject({
    actor: "Alice Anders",
    ip: "203.0.113.5",
    data: { subject: "sub-alice" },
    prevHash: json.events[1].hash,
  });

  const csv = await (await page.request.get(`/api/v6/envelope/${envelopeId}/audit-trail?format=csv`)).text();
  expect(csv.split("\r\n")[0]).toBe(
    '"Date & Time","Action","Description","Signer","IP Address","Geolocation","Seq","Hash","Previous hash"',
  );
  expect(csv.trim().split("\r\n")).toHaveLength(5);

  await page.goto(`/documents/${envelopeId}/certificate`);
  await expect(page.getByRole("heading", { name: "Audit trail certificate" })).toBeVisible();
  await expect(page.getByText(json.events[3].hash)).toBeVisible();
});

test("verify names the event a superuser edited behind the app's back", async ({ page }) => {
  const envelopeId = randomUUID();
  await seedEnvelopeTrail(envelopeId);
  const handle = await openE2eDb();
  try {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`update audit_events set ip = '198.51.100.66' where stream = ${`envelope:${envelopeId}`} and seq = 3`,
      );
    });
  } finally {
    await handle.close();
  }
  await signIn(page);
  await page.goto(`/documents/${envelopeId}?verify=1`);
  await expect(page.getByRole("status").filter({ hasText: "Integrity" })).toHaveText(
    "Integrity check FAILED at event #3: content does not match its hash (the row was edited).",
  );
  const verify = await (await page.request.get(`/api/v6/envelope/${envelopeId}/audit-trail/verify`)).json();
  expect(verify).toMatchObject({ valid: false, firstBroken: { seq: 3 } });
});

test("the security log filters by action and actor and pages through the organisation's events", async ({ page }) => {
  const actor = `auditor-${Date.now()}@example.test`;
  const handle = await openE2eDb();
  try {
    for (let i = 0; i < 55; i++) {
      await emitAudit(
        handle.db,
        { actor: { kind: "anonymous" }, ip: "192.0.2.1" },
        {
          action: "LoginFailed",
          data: { email: actor, method: "password", reason: `wrong password ${i}` },
          actorLabel: actor,
        },
      );
    }
  } finally {
    await handle.close();
  }
  await signIn(page);
  await page.goto("/settings/audit");
  await page.getByLabel("Action").selectOption("LoginFailed");
  await page.getByLabel("Actor").fill(actor);
  await page.getByRole("button", { name: "Filter" }).click();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(51); // header + 50
  await expect(rows.nth(1)).toContainText("wrong password 54");
  await page.getByRole("link", { name: "Older events →" }).click();
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(5)).toContainText("wrong password 0");
  await expect(page.getByRole("link", { name: "Older events →" })).toHaveCount(0);

  const api = await page.request.get(
    `/api/v6/audit-trail/security-log?action=LoginFailed&actor=${encodeURIComponent(actor)}&limit=10`,
  );
  const body = await api.json();
  expect(body.items).toHaveLength(10);
  expect(body.nextBefore).toBe(body.items[9].seq);
  const bad = await page.request.get("/api/v6/audit-trail/security-log?provider=not-a-uuid");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.details[0]).toEqual({
    path: "$.provider",
    message: "provider must be a provider id",
  });
});

test("audit APIs answer 401 to anonymous callers", async ({ request }) => {
  for (const url of [
    `/api/v6/envelope/${randomUUID()}/audit-trail`,
    "/api/v6/audit-trail/security-log",
    "/api/v6/audit-trail/security-log/verify",
  ]) {
    expect((await request.get(url)).status(), url).toBe(401);
  }
});
