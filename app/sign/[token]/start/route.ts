// POST /sign/<token>/start: the signer picked a provider → the flow (purpose: signer) starts at that provider
import { cookies, headers } from "next/headers";
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { requestMeta } from "@/lib/auth/request-meta";
import { getConfig } from "@/lib/config";
import { findSigning } from "@/lib/envelopes/find-signing";
import { isBrowserToken, SIGNER_COOKIE, SIGNER_LINK_COOKIE, signerCookieOptions, signerLinkCookieOptions } from "@/lib/envelopes/signer-cookies";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { startFlow } from "@/lib/flows/start-flow";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const config = getConfig();
  const { token } = await params;
  const back = NextResponse.redirect(new URL(`/sign/${encodeURIComponent(token)}`, config.appUrl), 303);
  // A form post from another site cannot start someone's signing.
  if (request.headers.get("origin") !== new URL(config.appUrl).origin) return new Response("Cross-origin request refused", { status: 403 });
  const providerId = (await request.formData().catch(() => null))?.get("providerId");
  const db = await getDb();
  const jar = await cookies();
  const view = await findSigning(db, token, jar.get(SIGNER_COOKIE)?.value);
  if (!view.ok || view.recipient.status !== "invited" || !view.providers.some((p) => p.id === providerId)) return back;
  const ctx = { db, actor: { kind: "anonymous" as const }, ...requestMeta(await headers()), config };
  const existing = jar.get(SIGNER_COOKIE)?.value;
  const flow = await startFlow(ctx, { providerId: String(providerId), purpose: "signer", subjectRef: view.recipient.id, browserToken: isBrowserToken(existing) ? existing : null });
  const response = NextResponse.redirect(flow.authorizationUrl, 303);
  // One random value in both cookies: the flow's (path /oauth) and the signer's (path /sign).
  response.cookies.set(FLOW_COOKIE, flow.browserToken, flowCookieOptions(config.appUrl));
  response.cookies.set(SIGNER_COOKIE, flow.browserToken, signerCookieOptions(config.appUrl));
  response.cookies.set(SIGNER_LINK_COOKIE, token, signerLinkCookieOptions(config.appUrl));
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}
