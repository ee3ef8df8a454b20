// POST /sign/<token>/start: the signer picked a provider → the flow (purpose: signer) starts at that provider
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { findSigning } from "@/lib/envelopes/find-signing";
import {
  isBrowserToken,
  SIGNER_COOKIE,
  SIGNER_LINK_COOKIE,
  signerCookieOptions,
  signerLinkCookieOptions,
} from "@/lib/envelopes/signer-cookies";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { startFlow } from "@/lib/flows/start-flow";
import { route } from "@/lib/http/route";

// The wrapper refuses a form post from another site: it cannot start someone's signing.
export const POST = route(
  { auth: "public", params: z.object({ token: z.string() }), form: true, maxBytes: 4096 },
  async ({ ctx, params, form }) => {
    const { token } = params;
    const providerId = form?.get("providerId");
    const jar = await cookies();
    const existing = jar.get(SIGNER_COOKIE)?.value;
    const view = await findSigning(ctx.db, token, existing);
    if (!view.ok || view.recipient.status !== "invited" || !view.providers.some((p) => p.id === providerId)) {
      return NextResponse.redirect(new URL(`/sign/${encodeURIComponent(token)}`, ctx.config.appUrl), 303);
    }
    const flow = await startFlow(ctx, {
      providerId: String(providerId),
      purpose: "signer",
      subjectRef: view.recipient.id,
      browserToken: isBrowserToken(existing) ? existing : null,
      // A retry after a refusal: the provider shows its sign-in form instead of reusing its session.
      prompt: form?.get("prompt") === "login" ? "login" : null,
    });
    const response = NextResponse.redirect(flow.authorizationUrl, 303);
    // One random value in both cookies: the flow's (path /oauth) and the signer's (path /sign).
    response.cookies.set(FLOW_COOKIE, flow.browserToken, flowCookieOptions(ctx.config.appUrl));
    response.cookies.set(SIGNER_COOKIE, flow.browserToken, signerCookieOptions(ctx.config.appUrl));
    response.cookies.set(SIGNER_LINK_COOKIE, token, signerLinkCookieOptions(ctx.config.appUrl));
    response.headers.set("Referrer-Policy", "no-referrer");
    return response;
  },
);
