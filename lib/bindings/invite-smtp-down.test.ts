import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, mailOutbox, oauthAssignments } from "@/db/schema";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import { startSmtpSink, type SmtpSinkFixture } from "@/e2e/fixtures/smtp-sink";
import { startTcpSwitch, type TcpSwitch } from "@/e2e/fixtures/tcp-switch";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { deliverDueMail } from "@/lib/mail/outbox";
import type { BindingCtx } from "./context";
import { findInvitation } from "./find-invitation";
import { inviteUser } from "./invite-user";
import { REDACTED } from "@/lib/mail/sealed-mail";

// Issue 8, faults: the SMTP server is down (connections refused, not a polite 451) while an
// administrator invites a user. The invitation is kept, the mail waits with the reason, and when
// the server is back the mail goes out with a link that works.

let handle: DbHandle;
let sink: SmtpSinkFixture;
let sw: TcpSwitch;
beforeAll(async () => {
  handle = await openPostgresTestDb();
  sink = await startSmtpSink();
  sw = await startTcpSwitch(sink.port);
});
afterAll(async () => {
  await sw?.close();
  await sink?.close();
  await handle?.close();
});

const ctx = (): BindingCtx => {
  const base = providerCtx(handle.db);
  return {
    ...base,
    config: { ...base.config, smtpUrl: `smtp://127.0.0.1:${sw.port}`, mailFrom: "Signer Auth <no-reply@example.test>" },
  };
};

describe("SMTP down while inviting", () => {
  it("the invitation is kept and audited, the mail waits with the reason, and is sent with a working link when SMTP is back", async () => {
    const provider = await createProvider(
      providerCtx(handle.db),
      oidcProviderInput({ usedForUserAuthentication: true }),
    );
    const { user, email } = await seedUser(handle.db, { password: null });
    await sw.down();

    const { assignmentId } = await inviteUser(ctx(), { userId: user.id, providerId: provider.id });
    const mailOf = async () => (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)))[0]!;
    expect(await mailOf()).toMatchObject({ status: "queued", attempts: 0 });
    const delivery = await deliverDueMail(handle.db, ctx().config);
    expect(delivery.failed).toBeGreaterThan(0);
    const waiting = await mailOf();
    expect(waiting).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // What the administrator sees meanwhile: the user is invited, the audit trail says so.
    const [assignment] = await handle.db.select().from(oauthAssignments).where(eq(oauthAssignments.id, assignmentId));
    expect(assignment!.state).toBe("invited");
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "AssignmentInvited"), eq(auditEvents.providerId, provider.id)));
    expect(audit).toHaveLength(1);
    expect(sink.messages.some((m) => m.to.includes(email))).toBe(false);

    // SMTP back; the next attempt (brought forward, as Retry now does) delivers.
    await sw.up();
    await handle.db.update(mailOutbox).set({ nextAttemptAt: new Date() }).where(eq(mailOutbox.id, waiting.id));
    await deliverDueMail(handle.db, ctx().config);
    const mail = await sink.waitForMail((m) => m.to.includes(email));
    expect(await mailOf()).toMatchObject({ status: "sent", attempts: 2 });
    const token = /\/bind\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    // Delivered: the row keeps no copy of the link, neither sealed nor readable.
    const kept = await mailOf();
    expect(kept.sealed).toBeNull();
    expect(JSON.stringify(kept)).not.toContain(token!);
    expect(kept.text).toContain(REDACTED);
    expect(await findInvitation(handle.db, token!)).toMatchObject({ ok: true, assignmentId, providerId: provider.id });
  });
});
