import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Db, DbHandle } from "../client";
import { auditEvents, mailOutbox } from "../schema";
import { providerCtx } from "./provider-ctx";
import { seedUser } from "./seed";
import { openPostgresTestDb } from "./test-db";
import type { EnvelopeCtx, Sender } from "@/lib/envelopes/context";
import { createEnvelope } from "@/lib/envelopes/create-envelope";
import { samplePdf } from "@/lib/envelopes/pdf";
import { ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "@/lib/envelopes/schema";
import { storeFile } from "@/lib/envelopes/store-file";
import { received } from "./mail";

// Envelope tests without an IdP: a sender with send_envelopes, one uploaded PDF, and the
// helpers that read what a signer would receive (the link from the mail, the SMS from the outbox).

export type RecipientSpec = {
  email: string;
  type?: "Signer" | "Cc";
  methods?: unknown[];
  first?: string;
  last?: string;
  phone?: string;
};
export type EnvelopeWorld = Awaited<ReturnType<typeof envelopeWorld>>;

export async function envelopeWorld(db: Db) {
  const { sender, fileId } = await seedSender(db);
  const ctx = (actor?: EnvelopeCtx["actor"]): EnvelopeCtx => senderCtx(db, sender, [], actor);
  const signerCtx = () => ctx({ kind: "anonymous" });

  const body = (name: string, steps: RecipientSpec[], extra: Record<string, unknown> = {}): TSendEnvelopeRequest => ({
    SspFileIds: [fileId],
    SendEnvelopeDescription: {
      Name: name,
      ...extra,
      Steps: steps.map((s, i) => ({
        OrderIndex: i + 1,
        RecipientType: s.type ?? "Signer",
        Recipients: [
          {
            Email: s.email,
            FirstName: s.first ?? "First",
            LastName: s.last ?? "Last",
            ...(s.phone ? { PhoneNumber: s.phone } : {}),
            AuthenticationMethods: (s.methods ?? []) as never,
          },
        ],
      })),
    },
  });
  const create = async (request: TSendEnvelopeRequest, mode: "send" | "draft" = "send") =>
    (await createEnvelope(ctx(), sender, ZSendEnvelopeRequest.parse(request), mode)).EnvelopeId;

  const linkFor = (email: string, envelopeName: string) => signingLinkFor(db, email, envelopeName);
  /** The SMS messages waiting in the outbox for this number (`sms:<number>`), oldest first. */
  const smsTo = async (phone: string) =>
    db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, `sms:${phone}`))
      .orderBy(mailOutbox.createdAt);
  const trail = async (envelopeId: string) =>
    db.select().from(auditEvents).where(eq(auditEvents.envelopeId, envelopeId)).orderBy(auditEvents.seq);

  return { sender, ctx, signerCtx, fileId, body, create, linkFor, smsTo, trail };
}

/** A sender with send_envelopes, and one PDF they uploaded. */
export async function seedSender(db: Db) {
  const { user, email } = await seedUser(db, { permissions: { send_envelopes: "ALLOW" } });
  const sender: Sender = { userId: user.id, email, name: "Sam Sender" };
  const upload = { name: "contract.pdf", bytes: samplePdf("Contract") };
  return { sender, fileId: (await storeFile(senderCtx(db, sender, []), upload)).FileId };
}

/** A sender's ctx: the providers' hosts trusted, mail kept in the outbox (no SMTP). */
export function senderCtx(
  db: Db,
  sender: Sender,
  trustedHosts: string[],
  actor: EnvelopeCtx["actor"] = { kind: "user", userId: sender.userId, email: sender.email },
): EnvelopeCtx & ReturnType<typeof providerCtx> {
  const base = providerCtx(db, trustedHosts);
  return { ...base, actor, config: { ...base.config, smtpUrl: undefined, mailFrom: "x@example.test" } };
}

/** The newest signing link mailed to `email` for this envelope name: read as the person would. */
export async function signingLinkFor(db: Db, email: string, envelopeName: string): Promise<string> {
  const mails = await db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.template, "signer_invitation")))
    .orderBy(mailOutbox.createdAt);
  const mail = mails.filter((m) => m.text.includes(envelopeName)).at(-1);
  const token = mail ? /\/sign\/([A-Za-z0-9_-]{43})/.exec(received(mail).text)?.[1] : undefined;
  if (!token) throw new Error(`no signing link for ${email}`);
  return token;
}

/** A 43-character browser cookie value, as the signer page sets it. */
export const browserToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");

/** Opens the run's PostgreSQL database and an envelope world before the file's tests, closes it after. */
export function withEnvelopeWorld(ready: (handle: DbHandle, world: EnvelopeWorld) => void) {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await openPostgresTestDb();
    ready(handle, await envelopeWorld(handle.db));
  });
  afterAll(async () => {
    await handle?.close();
  });
}
