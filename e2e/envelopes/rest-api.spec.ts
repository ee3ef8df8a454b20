import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { samplePdf } from "../../lib/envelopes/pdf";
import { adminCredentials } from "../fixtures/session";
import { tokenFor, userWithToken } from "../fixtures/api-tokens";
import { mailTo, waitForMail } from "../fixtures/mailbox";

const seedJson = () =>
  readFileSync(new URL("../../lib/envelopes/fixtures/seed-001-send-envelope.json", import.meta.url), "utf8");

test("REST: upload a PDF, send the seed's SendEnvelopeDescription with an API token, read the envelope; bad input is a 400 naming each path", async ({
  request,
}) => {
  const admin = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  // The seed names its provider "OAuthTest": create it against the test IdP.
  const discovered = await (
    await request.post("/api/v6/identity-providers/discovery", {
      headers: admin,
      data: { url: `${process.env.E2E_IDP_ISSUER}/.well-known/openid-configuration` },
    })
  ).json();
  const provider = await request.post("/api/v6/identity-providers", {
    headers: admin,
    data: {
      ...discovered.input,
      name: "OAuthTest",
      clientId: "client-basic",
      clientSecret: process.env.E2E_IDP_BASIC_SECRET,
      usedForSignerAuthentication: true,
    },
  });
  expect([201, 409]).toContain(provider.status());

  const sender = await userWithToken({ use_api: "ALLOW", send_envelopes: "ALLOW" });
  const auth = { authorization: `Bearer ${sender.token}` };
  expect(
    (
      await request.post("/api/v6/file/upload", {
        multipart: { file: { name: "a.pdf", mimeType: "application/pdf", buffer: samplePdf() } },
      })
    ).status(),
  ).toBe(401);
  const notPdf = await request.post("/api/v6/file/upload", {
    headers: auth,
    multipart: {
      file: { name: "evil.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") },
    },
  });
  expect(notPdf.status()).toBe(400);
  expect((await notPdf.json()).error).toMatchObject({
    code: "validation_failed",
    message: "The file is not a PDF document",
  });
  const upload = await request.post("/api/v6/file/upload", {
    headers: auth,
    multipart: { file: { name: "contract.pdf", mimeType: "application/pdf", buffer: samplePdf("REST") } },
  });
  expect(upload.status()).toBe(201);
  const { FileId } = await upload.json();

  const signer = `rest.${Date.now()}@example.test`;
  const body = seedJson()
    .replaceAll("##FileId##", FileId)
    .replaceAll("##EMAIL##", signer)
    .replaceAll("##NAME##", "Rest")
    .replaceAll("##DelegationUri##", "https://example.test/d")
    .replaceAll("##SignatureImagesUri##", "https://example.test/i");
  const sent = await request.post("/api/v6/envelope/send", {
    headers: { ...auth, "content-type": "application/json" },
    data: body,
  });
  expect(sent.status()).toBe(201);
  const { EnvelopeId } = await sent.json();
  const envelope = await (await request.get(`/api/v6/envelope/${EnvelopeId}`, { headers: auth })).json();
  expect(envelope).toMatchObject({
    EnvelopeId,
    Name: "test",
    Status: "sent",
    Steps: [
      { OrderIndex: 1, RecipientType: "Signer", Recipients: [{ Email: signer, AuthenticationState: "Required" }] },
      { OrderIndex: 2, RecipientType: "Cc" },
    ],
  });
  const mail = await waitForMail(mailTo(signer, "Please sign the enclosed envelope"));
  expect(mail.text).toMatch(/\/sign\/[A-Za-z0-9_-]{43}/);

  // Another sender cannot read it (guessing ids).
  const other = await userWithToken({ use_api: "ALLOW", send_envelopes: "ALLOW" });
  expect(
    (
      await request.get(`/api/v6/envelope/${EnvelopeId}`, { headers: { authorization: `Bearer ${other.token}` } })
    ).status(),
  ).toBe(404);

  // The audit trail over REST with API tokens: the sender's own envelope, an auditor's any envelope; another sender's 404.
  const trail = await request.get(`/api/v6/envelope/${EnvelopeId}/audit-trail`, { headers: auth });
  expect(trail.status()).toBe(200);
  expect(await trail.json()).toMatchObject({
    envelopeId: EnvelopeId,
    chainValid: true,
    events: expect.arrayContaining([expect.objectContaining({ action: "EnvelopeSent" })]),
  });
  expect((await request.get(`/api/v6/envelope/${EnvelopeId}/audit-trail/verify`, { headers: auth })).status()).toBe(
    200,
  );
  expect(
    (
      await request.get(`/api/v6/envelope/${EnvelopeId}/audit-trail`, {
        headers: { authorization: `Bearer ${other.token}` },
      })
    ).status(),
  ).toBe(404);
  const auditor = await userWithToken({ use_api: "ALLOW", view_audit: "ALLOW" });
  expect(
    (
      await request.get(`/api/v6/envelope/${EnvelopeId}/audit-trail?format=csv`, {
        headers: { authorization: `Bearer ${auditor.token}` },
      })
    ).status(),
  ).toBe(200);
  expect(
    (
      await request.get("/api/v6/audit-trail/security-log?limit=5", {
        headers: { authorization: `Bearer ${auditor.token}` },
      })
    ).status(),
  ).toBe(200);
  expect((await request.get("/api/v6/audit-trail/security-log?limit=5", { headers: auth })).status()).toBe(403);

  const bad = await request.post("/api/v6/envelope/send", {
    headers: auth,
    data: {
      SspFileIds: [FileId],
      SendEnvelopeDescription: {
        Name: "x",
        Steps: [
          {
            OrderIndex: 1,
            Recipients: [
              { Email: "not-an-email", AuthenticationMethods: [{ Method: "CustomOAuthProvider", Parameter: "Nope" }] },
            ],
          },
        ],
      },
    },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toEqual([
    "$.SendEnvelopeDescription.Steps[0].Recipients[0].Email",
  ]);
  const unknownProvider = await request.post("/api/v6/envelope/send", {
    headers: auth,
    data: {
      SspFileIds: [FileId],
      SendEnvelopeDescription: {
        Name: "x",
        Steps: [
          {
            OrderIndex: 1,
            Recipients: [
              {
                Email: "a@example.test",
                AuthenticationMethods: [{ Method: "CustomOAuthProvider", Parameter: "Nope" }],
              },
            ],
          },
        ],
      },
    },
  });
  expect(unknownProvider.status()).toBe(400);
  expect((await unknownProvider.json()).error.details).toEqual([
    {
      path: "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[0].Parameter",
      message: "No enabled identity provider used for signer authentication has this name",
    },
  ]);
  expect(
    (
      await request.post("/api/v6/envelope/send", {
        headers: { ...auth, "content-type": "application/json" },
        data: "{ not json",
      })
    ).status(),
  ).toBe(400);
});
