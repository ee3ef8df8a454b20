// Issue 13 item 5: one envelope request cannot buy unbounded CPU. Each access code costs an argon2
// hash; a request beyond the caps (steps, recipients, methods, one access code per recipient) is
// refused with a 400 naming the JSON path before anything is hashed or written, and sign-ins
// still go through while the largest accepted requests hash. Timings are the bench's job
// (bench/envelope-hashing.ts); these assert the answers.
import { expect, test } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { envelopes } from "../../db/schema";
import { samplePdf } from "../../lib/envelopes/pdf";
import { userWithToken } from "../fixtures/api-tokens";
import { openE2eDb } from "../fixtures/database";
import { signIn } from "../fixtures/session";

type Method = { Method: string; Parameter: string };
const recipient = (i: number, methods: Method[]) => ({
  Email: `r${i}.${Date.now()}@example.test`,
  FirstName: "R",
  LastName: String(i),
  AuthenticationMethods: methods,
});
const accessCodes = (n: number): Method[] =>
  Array.from({ length: n }, (_, i) => ({ Method: "AccessCode", Parameter: `code-${i}-secret` }));
const body = (fileId: string, steps: { recipients: number; methods: Method[] }[]) => ({
  SspFileIds: [fileId],
  SendEnvelopeDescription: {
    Name: "Cost",
    Steps: steps.map((s, si) => ({
      OrderIndex: si + 1,
      Recipients: Array.from({ length: s.recipients }, (_, ri) => recipient(si * 100 + ri, s.methods)),
    })),
  },
});

async function senderWithFile(request: import("@playwright/test").APIRequestContext) {
  const sender = await userWithToken({ use_api: "ALLOW", send_envelopes: "ALLOW" });
  const headers = { authorization: `Bearer ${sender.token}` };
  const upload = await request.post("/api/v6/file/upload", {
    headers,
    multipart: { file: { name: "c.pdf", mimeType: "application/pdf", buffer: samplePdf("Cost") } },
  });
  expect(upload.status()).toBe(201);
  return { sender, headers, fileId: ((await upload.json()) as { FileId: string }).FileId };
}

async function envelopesOf(userId: string): Promise<number> {
  const handle = await openE2eDb();
  try {
    return (
      await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(envelopes)
        .where(eq(envelopes.senderUserId, userId))
    )[0]!.n;
  } finally {
    await handle.close();
  }
}

test("an envelope request beyond the caps is a 400 naming the JSON path, answered before any access code is hashed, and writes nothing", async ({
  request,
}) => {
  const { sender, headers, fileId } = await senderWithFile(request);
  // 50 recipients × 10 access codes: 500 argon2 hashes on the old code, which took them all and then sent it.
  // The timeout is generous; the point is the answer: refused, naming the second code of the first recipient.
  const tenCodes = body(fileId, [{ recipients: 50, methods: accessCodes(10) }]);
  const refused = await request.post("/api/v6/envelope/send", { headers, data: tenCodes, timeout: 20_000 });
  expect(refused.status()).toBe(400);
  const details = ((await refused.json()) as { error: { details: { path: string; message: string }[] } }).error.details;
  expect(details).toContainEqual({
    path: "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[1]",
    message: "A recipient has at most one access code",
  });
  expect(details).toHaveLength(50); // one per recipient, not one per extra code
  expect(details).toContainEqual({
    path: "$.SendEnvelopeDescription.Steps[0].Recipients[49].AuthenticationMethods[1]",
    message: "A recipient has at most one access code",
  });

  const cases: { what: string; data: unknown; path: string; message: RegExp }[] = [
    {
      what: "21 steps",
      data: body(
        fileId,
        Array.from({ length: 21 }, () => ({ recipients: 1, methods: [] })),
      ),
      path: "$.SendEnvelopeDescription.Steps",
      message: /At most 20 steps/,
    },
    {
      what: "51 recipients in two steps",
      data: body(fileId, [
        { recipients: 26, methods: [] },
        { recipients: 25, methods: [] },
      ]),
      path: "$.SendEnvelopeDescription.Steps",
      message: /At most 50 recipients in an envelope; this one has 51/,
    },
    {
      what: "51 recipients in one step",
      data: body(fileId, [{ recipients: 51, methods: [] }]),
      path: "$.SendEnvelopeDescription.Steps[0].Recipients",
      message: /At most 50 recipients/,
    },
    {
      what: "11 methods on one recipient",
      data: body(fileId, [
        {
          recipients: 1,
          methods: [
            ...accessCodes(1),
            ...Array.from({ length: 10 }, () => ({ Method: "SmsCode", Parameter: "+41790000000" })),
          ],
        },
      ]),
      path: "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods",
      message: /At most 10 authentication methods/,
    },
    {
      what: "two SMS codes",
      data: body(fileId, [
        {
          recipients: 1,
          methods: [
            { Method: "SmsCode", Parameter: "+41790000000" },
            { Method: "SmsCode", Parameter: "+41790000001" },
          ],
        },
      ]),
      path: "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[1]",
      message: /at most one SMS code/,
    },
  ];
  for (const c of cases) {
    const answer = await request.post("/api/v6/envelope/draft", { headers, data: c.data });
    expect(answer.status(), c.what).toBe(400);
    const found = ((await answer.json()) as { error: { details: { path: string; message: string }[] } }).error.details;
    expect(found, c.what).toContainEqual({ path: c.path, message: expect.stringMatching(c.message) });
  }
  expect(await envelopesOf(sender.user.id)).toBe(0);

  // Editing a draft (PUT) is held to the same caps, and a refused edit leaves the draft as it was.
  const draft = await request.post("/api/v6/envelope/draft", {
    headers,
    data: body(fileId, [{ recipients: 1, methods: accessCodes(1) }]),
  });
  expect(draft.status()).toBe(201);
  const { EnvelopeId } = (await draft.json()) as { EnvelopeId: string };
  const edit = await request.put(`/api/v6/envelope/${EnvelopeId}`, { headers, data: tenCodes, timeout: 20_000 });
  expect(edit.status()).toBe(400);
  expect(
    ((await edit.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path),
  ).toContain("$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[1]");
  const kept = (await (await request.get(`/api/v6/envelope/${EnvelopeId}`, { headers })).json()) as {
    Steps: { Recipients: unknown[] }[];
  };
  expect(kept.Steps.map((s) => s.Recipients.length)).toEqual([1]);
});

test("while the largest accepted requests (50 recipients, an access code each) hash, a password sign-in goes through", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const { headers, fileId } = await senderWithFile(request);
  const largest = body(fileId, [
    { recipients: 25, methods: accessCodes(1) },
    { recipients: 25, methods: accessCodes(1) },
  ]);
  const sends = [
    request.post("/api/v6/envelope/send", { headers, data: largest, timeout: 100_000 }),
    request.post("/api/v6/envelope/draft", { headers, data: largest, timeout: 100_000 }),
  ];
  await signIn(page);
  const answers = await Promise.all(sends);
  for (const a of answers) expect(a.status()).toBe(201);
  const { EnvelopeId } = (await answers[0]!.json()) as { EnvelopeId: string };
  const sent = (await (await request.get(`/api/v6/envelope/${EnvelopeId}`, { headers })).json()) as {
    Status: string;
    Steps: { Recipients: unknown[] }[];
  };
  expect(sent.Status).toBe("sent");
  expect(sent.Steps.map((s) => s.Recipients.length)).toEqual([25, 25]);
});
