import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** The server tests create their databases on: TEST_DATABASE_URL's, or the machine's local PostgreSQL. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Tests create and drop databases: they must never be pointed at a remote server. */
export function assertLocalDatabaseUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host))
    throw new Error(`Refusing to run tests against a non-local database (${host}). Use a local PostgreSQL.`);
}

export async function isPostgresReachable(url = TEST_SERVER_URL): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new empty database on the test server; drop it with the returned function. */
export async function createTestDatabase(prefix = "test"): Promise<{ url: string; drop: () => Promise<void> }> {
  assertLocalDatabaseUrl(TEST_SERVER_URL);
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return {
    url: withDatabase(TEST_SERVER_URL, name),
    drop: async () => {
      const sql = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
