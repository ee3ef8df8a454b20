import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { rewriteHistoryAsSuperuser } from "../../db/test/rewrite-history";
import { emitAudit } from "../../lib/audit/emit-audit";
import { openE2eDb } from "../fixtures/database";
import { signIn } from "../fixtures/session";

// Issue 13 item 6: the chain alone lives in the database, so whoever holds the database can
// recompute it. The signatures are made with a key the database does not hold.

const signer = { actor: { kind: "anonymous" as const }, ip: "203.0.113.9" };

async function seedTrail(envelopeId: string, events: number) {
  const handle = await openE2eDb();
  try {
    for (let n = 1; n <= events; n++)
      await emitAudit(handle.db, signer, { action: "PageViewChanged", envelopeId, data: { page: n } });
  } finally {
    await handle.close();
  }
}

test("verify names the signature when a superuser deleted an event and recomputed every later hash", async ({
  page,
}) => {
  const envelopeId = randomUUID();
  await seedTrail(envelopeId, 4);
  const handle = await openE2eDb();
  try {
    await rewriteHistoryAsSuperuser(handle.db, `envelope:${envelopeId}`, 2);
  } finally {
    await handle.close();
  }
  await signIn(page);
  const verify = await page.request.get(`/api/v6/envelope/${envelopeId}/audit-trail/verify`);
  expect(verify.status()).toBe(200);
  expect(await verify.json()).toMatchObject({
    valid: false,
    count: 3,
    firstBroken: { seq: 2, reason: expect.stringMatching(/signature does not match/) },
  });

  await page.goto(`/documents/${envelopeId}?verify=1`);
  await expect(page.getByRole("status").filter({ hasText: "Integrity" })).toContainText(
    "Integrity check FAILED at event #2: signature does not match",
  );
  await page.goto(`/documents/${envelopeId}/certificate`);
  await expect(page.getByText(/BROKEN at event #2 \(signature does not match/)).toBeVisible();
});

test("the certificate and Verify integrity show the chain head's signature and the signing key's fingerprint", async ({
  page,
}) => {
  const envelopeId = randomUUID();
  await seedTrail(envelopeId, 2);
  await signIn(page);
  const verify = await (await page.request.get(`/api/v6/envelope/${envelopeId}/audit-trail/verify`)).json();
  expect(verify).toMatchObject({
    valid: true,
    count: 2,
    headSignature: { seq: 2, keyId: expect.stringMatching(/^[0-9a-f]{32}$/) },
  });
  const { keyId, publicKey, signature } = verify.headSignature as {
    keyId: string;
    publicKey: string;
    signature: string;
  };

  await page.goto(`/documents/${envelopeId}/certificate`);
  await expect(page.getByText(signature)).toBeVisible();
  await expect(page.getByText(keyId)).toBeVisible();
  await expect(page.getByText(publicKey)).toBeVisible();
  await page.goto(`/documents/${envelopeId}?verify=1`);
  await expect(page.getByRole("status").filter({ hasText: "Integrity" })).toContainText(keyId);
});
