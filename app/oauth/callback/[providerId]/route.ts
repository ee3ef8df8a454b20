// GET /oauth/callback/<provider id>: the Redirect Uri — consume the flow, run the engine, redirect without the code
import { cookies, headers } from "next/headers";
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { requestMeta } from "@/lib/auth/request-meta";
import { getConfig } from "@/lib/config";
import { FLOW_COOKIE } from "@/lib/flows/browser-cookie";
import { handleCallback } from "@/lib/flows/handle-callback";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ providerId: string }> }) {
  const config = getConfig();
  let target = "/oauth/error";
  try {
    const ctx = { db: await getDb(), actor: { kind: "anonymous" as const }, ...requestMeta(await headers()), config };
    const url = new URL(request.url);
    const result = await handleCallback(ctx, { providerId: (await params).providerId, params: url.searchParams, browserToken: (await cookies()).get(FLOW_COOKIE)?.value ?? null });
    target = result.redirectTo;
  } catch (err) {
    console.error("[oauth] callback failed:", err instanceof Error ? err.name : typeof err);
  }
  // The code never travels further: a fresh URL, and no Referer from this page.
  const response = NextResponse.redirect(new URL(target, config.appUrl), 303);
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("Cache-Control", "no-store");
  return response;
}
