import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { BACKENDS } from "@/db/test/test-db";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { saveTransactionResult } from "./consume-transaction";
import { getTestReport } from "./get-test-report";
import { startFlow, type FlowPurpose } from "./start-flow";

const REPORT = {
  ok: false,
  report: [{ step: "token", title: "Token request", ok: false, details: { status: 400 } }],
  error: { step: "token", reason: "invalid_grant", hint: null },
};

describe.each(BACKENDS)("Test connection reports on $backend", ({ open }) => {
  let handle: DbHandle;
  let providerId: string;
  let otherProviderId: string;
  beforeAll(async () => {
    handle = await open();
    providerId = (await createProvider(providerCtx(handle.db), oidcProviderInput({ usedForUserAuthentication: true })))
      .id;
    otherProviderId = (await createProvider(providerCtx(handle.db), oidcProviderInput())).id;
  });
  afterAll(async () => {
    await handle.close();
  });
  const start = async (purpose: FlowPurpose = "test") =>
    (await startFlow(providerCtx(handle.db), { providerId, purpose })).transactionId;

  it("reads the report a finished test kept on its transaction", async () => {
    const transactionId = await start();
    await saveTransactionResult(handle.db, transactionId, REPORT);
    expect(await getTestReport(handle.db, { providerId, transactionId })).toEqual(REPORT);
  });

  it("is null while the test runs", async () => {
    const transactionId = await start();
    expect(await getTestReport(handle.db, { providerId, transactionId })).toBeNull();
  });

  it("is null under another provider, for another purpose, or an unknown transaction", async () => {
    const transactionId = await start();
    await saveTransactionResult(handle.db, transactionId, REPORT);
    expect(await getTestReport(handle.db, { providerId: otherProviderId, transactionId })).toBeNull();
    expect(await getTestReport(handle.db, { providerId, transactionId: randomUUID() })).toBeNull();
    const login = await start("login");
    await saveTransactionResult(handle.db, login, REPORT);
    expect(await getTestReport(handle.db, { providerId, transactionId: login })).toBeNull();
  });

  it("is null for ids that are not UUIDs, without asking the database", async () => {
    const transactionId = await start();
    await saveTransactionResult(handle.db, transactionId, REPORT);
    expect(await getTestReport(handle.db, { providerId: "x", transactionId })).toBeNull();
    expect(await getTestReport(handle.db, { providerId, transactionId: "1 or 1=1" })).toBeNull();
  });
});
