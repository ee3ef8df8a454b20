// GET /sign/resume?auth=ok|failed|gone: back from the provider → the signing link this browser was on
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { safeReturnPath } from "@/lib/net/safe-return";
import { isLinkTokenShape } from "@/lib/bindings/link-token";
import { SIGNER_LINK_COOKIE } from "@/lib/envelopes/signer-cookies";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "public" }, async ({ ctx, request }) => {
  const token = (await cookies()).get(SIGNER_LINK_COOKIE)?.value;
  const auth = new URL(request.url).searchParams.get("auth");
  const status = auth === "ok" || auth === "failed" ? auth : "gone";
  const target = token && isLinkTokenShape(token) ? `/sign/${token}?auth=${status}` : "/oauth/error?code=gone";
  const response = NextResponse.redirect(
    new URL(safeReturnPath(target, "/oauth/error?code=gone"), ctx.config.appUrl),
    303,
  );
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
});
