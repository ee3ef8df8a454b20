// POST /bind/<token>/start: the person confirms the binding link → the flow (purpose: binding) starts at the provider
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { findInvitation } from "@/lib/bindings/find-invitation";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { startFlow } from "@/lib/flows/start-flow";
import { route } from "@/lib/http/route";

// The wrapper refuses a form post from another site: it cannot start someone's binding.
export const POST = route({ auth: "public", params: z.object({ token: z.string() }) }, async ({ ctx, params }) => {
  const invitation = await findInvitation(ctx.db, params.token);
  if (!invitation.ok)
    return NextResponse.redirect(new URL(`/bind/${encodeURIComponent(params.token)}`, ctx.config.appUrl), 303);
  const flow = await startFlow(ctx, {
    providerId: invitation.providerId,
    purpose: "binding",
    subjectRef: invitation.assignmentId,
    browserToken: (await cookies()).get(FLOW_COOKIE)?.value,
  });
  const response = NextResponse.redirect(flow.authorizationUrl, 303);
  response.cookies.set(FLOW_COOKIE, flow.browserToken, flowCookieOptions(ctx.config.appUrl));
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
});
