import type { EnvelopeWorld } from "@/db/test/envelopes";
import { browserToken } from "@/db/test/envelopes";
import type { Db } from "@/db/client";
import { verifyAccessCode } from "@/lib/envelopes/code-authentication";
import { findSigning } from "@/lib/envelopes/find-signing";
import { acceptAgreement, finishWorkstep, signField } from "@/lib/envelopes/sign-workstep";
import { signatureDataUrl } from "./signature-png";

// An envelope signed to completion through the real operations, for the sealing tests: Alice
// authenticates with an access code and draws her signature, Bob (no authentication) clicks.

export const ALICE = { email: "alice.seal@example.test", first: "Alice", last: "Anders", code: "seal-code-42" };
export const BOB = { email: "bob.seal@example.test", first: "Bob", last: "Brown" };

export async function completeEnvelope(db: Db, w: EnvelopeWorld, name: string): Promise<string> {
  const body = w.body(name, [
    {
      email: ALICE.email,
      first: ALICE.first,
      last: ALICE.last,
      methods: [{ Method: "AccessCode", Parameter: ALICE.code }],
    },
    { email: BOB.email, first: BOB.first, last: BOB.last },
  ]);
  const field = (y: number, types: string[]) => ({
    DiscriminatorType: "Signature",
    PositionPage: 1,
    Position: { PositionX: 72, PositionY: y },
    Size: { Width: 200, Height: 90 },
    AllowedSignatureTypes: types.map((DiscriminatorType) => ({ DiscriminatorType })),
  });
  body.SendEnvelopeDescription.Steps![0]!.WorkstepConfiguration = {
    WorkstepTasks: { Tasks: [field(600, ["SigTypeDraw2Sign"])] as never },
  };
  body.SendEnvelopeDescription.Steps![1]!.WorkstepConfiguration = {
    WorkstepTasks: { Tasks: [field(400, ["SigTypeClick2Sign"])] as never },
  };
  const id = await w.create(body);
  const signer = (ip: string) => ({ ...w.signerCtx(), ip });

  const alice = await w.linkFor(ALICE.email, name);
  const mine = browserToken();
  const code = await verifyAccessCode(signer("198.51.100.1"), { token: alice, code: ALICE.code, browserToken: mine });
  if (!code.ok) throw new Error("access code refused");
  await acceptAgreement(signer("198.51.100.1"), { token: alice, browserToken: mine });
  const aliceView = await findSigning(db, alice, mine);
  if (!aliceView.ok) throw new Error(aliceView.reason);
  await signField(signer("198.51.100.1"), {
    token: alice,
    browserToken: mine,
    fieldId: aliceView.fields[0]!.id,
    signature: { type: "Draw", png: signatureDataUrl() },
  });
  await finishWorkstep(signer("198.51.100.1"), { token: alice, browserToken: mine });

  const bob = await w.linkFor(BOB.email, name);
  await acceptAgreement(signer("198.51.100.2"), { token: bob, browserToken: null });
  const bobView = await findSigning(db, bob, null);
  if (!bobView.ok) throw new Error(bobView.reason);
  await signField(signer("198.51.100.2"), { token: bob, browserToken: null, fieldId: bobView.fields[0]!.id });
  const done = await finishWorkstep(signer("198.51.100.2"), { token: bob, browserToken: null });
  if (!done.completed) throw new Error("envelope not completed");
  return id;
}
