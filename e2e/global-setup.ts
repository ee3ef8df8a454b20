// Playwright global setup: a fresh PostgreSQL database, the real peers, and the built app on E2E_PORT.
import { randomBytes } from "node:crypto";
import { createTestDatabase, isPostgresReachable, TEST_SERVER_URL } from "../db/test/databases";
import { E2E_PORT } from "../playwright.config";
import { startAppServer } from "./fixtures/app-server";
import { serveMailbox } from "./fixtures/mailbox";
import { startOidcProvider } from "./fixtures/oidc-provider";
import { startSmtpSink } from "./fixtures/smtp-sink";
import { TRUSTED_PEER_HOST } from "./fixtures/http-helpers";

export default async function globalSetup() {
  if (!(await isPostgresReachable()))
    throw new Error(`PostgreSQL is required for e2e and is not reachable at ${new URL(TEST_SERVER_URL).host}`);
  const database = await createTestDatabase("e2e");
  const appUrl = `http://localhost:${E2E_PORT}`;
  const idp = await startOidcProvider({
    redirectUriPrefixes: [`${appUrl}/oauth/callback/`],
    postLogoutRedirectUriPrefixes: [`${appUrl}/`],
  });
  const smtp = await startSmtpSink();
  let appLog = () => "";
  const mailbox = await serveMailbox(smtp, { appLog: () => appLog() });
  const encryptionKey = randomBytes(32).toString("base64");
  const admin = { email: "admin@e2e.test", password: `e2e-${randomBytes(9).toString("base64url")}` };

  const keys = { AUTH_SECRET: randomBytes(32).toString("base64url"), ENCRYPTION_KEY: encryptionKey };
  const app = await startAppServer(E2E_PORT, {
    DATABASE_URL: database.url,
    APP_URL: appUrl,
    ...keys,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SMTP_URL: smtp.url,
    // The IdP, and a second loopback address on any port for the peers specs start themselves.
    TRUSTED_HOSTS: `127.0.0.1:${new URL(idp.issuer).port},${TRUSTED_PEER_HOST}`,
    // The one proxy whose X-Forwarded-For counts (e2e/auth/throttle.spec.ts sends from it).
    TRUSTED_PROXIES: "127.0.0.10",
  });
  appLog = app.logs;

  // The app's keys too: rows the tests seed with emitAudit are signed as the app signs its own.
  Object.assign(process.env, {
    ...keys,
    E2E_ADMIN_EMAIL: admin.email,
    E2E_ADMIN_PASSWORD: admin.password,
    E2E_DATABASE_URL: database.url,
    E2E_IDP_ISSUER: idp.issuer,
    E2E_IDP_BASIC_SECRET: idp.clients.basic.clientSecret ?? "",
    E2E_MAILBOX_URL: mailbox.url,
    // Only for reading what an SMS gateway would get: the outbox seals every message with this key.
    E2E_ENCRYPTION_KEY: encryptionKey,
  });

  return async () => {
    await app.stop();
    await Promise.allSettled([idp.close(), smtp.close(), mailbox.close()]);
    await database.drop();
  };
}
