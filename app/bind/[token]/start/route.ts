// POST /bind/<token>/start: the person confirms the binding link → the flow (purpose: binding) starts at the provider
import { cookies, headers } from "next/headers";
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { requestMeta } from "@/lib/auth/request-meta";
import { findInvitation } from "@/lib/bindings/find-invitation";
import { getConfig } from "@/lib/config";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { startFlow } from "@/lib/flows/start-flow";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const config = getConfig();
  const { token } = await params;
  // A form post from another site cannot start someone's binding.
  if (request.headers.get("origin") !== new URL(config.appUrl).origin) return new Response("Cross-origin request refused", { status: 403 });
  const db = await getDb();
  const invitation = await findInvitation(db, token);
  if (!invitation.ok) return NextResponse.redirect(new URL(`/bind/${encodeURIComponent(token)}`, config.appUrl), 303);
  const ctx = { db, actor: { kind: "anonymous" as const }, ...requestMeta(await headers()), config };
  const flow = await startFlow(ctx, { providerId: invitation.providerId, purpose: "binding", subjectRef: invitation.assignmentId, browserToken: (await cookies()).get(FLOW_COOKIE)?.value });
  const response = NextResponse.redirect(flow.authorizationUrl, 303);
  response.cookies.set(FLOW_COOKIE, flow.browserToken, flowCookieOptions(config.appUrl));
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}
