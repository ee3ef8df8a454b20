// Every flow purpose, handed to the callback's dispatcher (lib/flows/purposes.ts). flows/ cannot
// import its purposes (they import flows/), so this module at the top of lib/ does, and nothing in
// lib/ imports it. Each entry that runs a callback imports it for its effect: the callback route,
// and the tests that drive flows through handleCallback.
import { bindingPurpose } from "@/lib/bindings/complete-binding";
import { loginPurpose } from "@/lib/bindings/complete-login";
import { signerPurpose } from "@/lib/envelopes/complete-signer";
import { testPurpose } from "@/lib/flows/complete-test";
import { registerPurpose, type PurposeHandler } from "@/lib/flows/purposes";
import type { FlowPurpose } from "@/lib/flows/start-flow";

// A purpose added to FLOW_PURPOSES without its handler here does not compile.
const PURPOSES = {
  test: testPurpose,
  binding: bindingPurpose,
  login: loginPurpose,
  signer: signerPurpose,
} satisfies Record<FlowPurpose, PurposeHandler>;

for (const [purpose, handler] of Object.entries(PURPOSES)) registerPurpose(purpose as FlowPurpose, handler);
