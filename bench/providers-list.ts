// The Identity Providers list (Settings → Identity Providers loads GET /api/v6/identity-providers:
// listProviders, then the JSON body) at 500 providers, 100,000 users bound to them and 1,000,000
// audit rows, on real PostgreSQL. The providers are created through createProvider, as the API
// does (one in five with private_key_jwt: a key pair each, whose public JWKS the list shows).
//   npx tsx bench/providers-list.ts            (PROVIDERS=500 USERS=100000 AUDIT_ROWS=1000000 RUNS=50)
import { randomBytes } from "node:crypto";
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { createTestDatabase } from "../db/test/databases";
import { oidcProviderInput } from "../db/test/provider-ctx";
import { createProvider } from "../lib/identity-providers/create-provider";
import { listProviders } from "../lib/identity-providers/get-provider";
import { report, seedAuditEvents, summarise } from "./lib";

const PROVIDERS = Number(process.env.PROVIDERS ?? 500);
const USERS = Number(process.env.USERS ?? 100_000);
const AUDIT_ROWS = Number(process.env.AUDIT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 50);
const round = (n: number) => Math.round(n * 10) / 10;

const database = await createTestDatabase("bench");
try {
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 4 });
  await migrateDatabase(handle, database.url);
  const encryptionKey = randomBytes(32);
  const ctx = {
    db: handle.db,
    actor: { kind: "user" as const, userId: crypto.randomUUID(), email: "admin@example.test" },
    ip: "192.0.2.10",
    userAgent: "bench",
    config: { appUrl: "https://app.example.test", encryptionKey, encryptionKeys: [encryptionKey], trustedHosts: [] },
  };
  const t0 = performance.now();
  const providerIds: string[] = [];
  for (let i = 0; i < PROVIDERS; i++) {
    const pkjwt = i % 5 === 0;
    const created = await createProvider(
      ctx,
      oidcProviderInput({
        name: `Provider ${String(i).padStart(4, "0")} ${randomBytes(3).toString("hex")}`,
        clientSecret: pkjwt ? undefined : `secret-${i}`,
        tokenEndpointAuthMethod: pkjwt ? "private_key_jwt" : "client_secret_basic",
        usedForSignerAuthentication: i % 2 === 0,
        usedForUserAuthentication: i % 3 === 0,
        resourceUris: [
          {
            uri: "https://idp.example.com/me",
            queryParameter: "bearer",
            mappings: [{ path: "email", mode: "validate", field: "email" }],
          },
        ],
      }),
    );
    providerIds.push(created.id);
  }
  const providersSeconds = (performance.now() - t0) / 1000;
  // Users, each bound to one provider (what a provider's usage counts).
  const t1 = performance.now();
  await handle.db.execute(
    sql`insert into users (email, first_name, last_name, enabled) select 'user' || i || '@company' || (i % 20) || '.example', 'First' || (i % 50), 'Last' || (i % 40), i % 25 <> 0 from generate_series(1, ${USERS}::int) i`,
  );
  await handle.db.execute(sql`insert into oauth_assignments (user_id, provider_id, state, subject, bound_at)
    select u.id, (${sql.raw(`array[${providerIds.map((id) => `'${id}'::uuid`).join(",")}]`)})[1 + (row_number() over (order by u.id))::int % ${PROVIDERS}::int], 'bound', 'sub-' || u.id, now() from users u`);
  const usersSeconds = (performance.now() - t1) / 1000;
  const auditSeconds = await seedAuditEvents(handle.db, AUDIT_ROWS, providerIds.slice(0, 3));
  for (const table of ["identity_providers", "provider_keys", "users", "oauth_assignments", "audit_events"])
    await handle.db.execute(sql.raw(`vacuum analyze ${table}`));

  const [counts] = (await handle.db.execute(
    sql`select (select count(*) from identity_providers)::int providers, (select count(*) from users)::int users, (select count(*) from audit_events)::int audit, (select count(*) from identity_providers where token_endpoint_auth_method = 'private_key_jwt')::int pkjwt`,
  )) as unknown as { providers: number; users: number; audit: number; pkjwt: number }[];
  // GET /api/v6/identity-providers after the session check: the list and its JSON body.
  const get = async () => JSON.stringify({ items: await listProviders(ctx) });
  const bytes = (await get()).length;
  const latencies: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await get();
    latencies.push(performance.now() - t);
  }
  // The same list without the per-provider JWKS lookups, for what those N+1 queries cost.
  const rowsOnly: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await handle.db.execute(sql`select * from identity_providers order by lower(name)`);
    rowsOnly.push(performance.now() - t);
  }
  await handle.close();
  report("providers-list", {
    ...counts,
    runs: RUNS,
    seedSeconds: { providers: round(providersSeconds), users: round(usersSeconds), audit: round(auditSeconds) },
    listProviders: { latencyMs: summarise(latencies), items: counts!.providers, jsonKiB: round(bytes / 1024) },
    providerRowsOnly: { latencyMs: summarise(rowsOnly) },
    loadAverage: os.loadavg().map(round),
    notes: [
      "listProviders is unpaginated: every provider's full settings, and the private_key_jwt providers' public JWKS in one provider_keys query.",
    ],
  });
} finally {
  await database.drop();
}
