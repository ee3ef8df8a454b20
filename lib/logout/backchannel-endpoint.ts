import type { ProviderCtx } from "@/lib/identity-providers/context";
import { readCappedStream } from "@/lib/net/read-capped";
import { receiveBackchannelLogout } from "./receive-backchannel-logout";

const MAX_BODY_BYTES = 64 * 1024;
const HEADERS = { "cache-control": "no-store" };

/** The spec's error answer (Back-Channel Logout 1.0, 2.8): an OAuth 2.0 error object, never cached. */
const badRequest = (description: string, status = 400, extra: Record<string, string> = {}) =>
  Response.json(
    { error: "invalid_request", error_description: description.slice(0, 500) },
    { status, headers: { ...HEADERS, ...extra } },
  );

/** The body as text, or null as soon as it passes the cap (the rest is never read). */
async function readCapped(request: Request): Promise<string | null> {
  const tooLarge = new Error("The body is too large");
  try {
    const body = await readCappedStream(
      request.body,
      request.headers.get("content-length"),
      MAX_BODY_BYTES,
      () => tooLarge,
    );
    return body.toString("utf8");
  } catch (err) {
    if (err === tooLarge) return null;
    throw err;
  }
}

/**
 * The HTTP side of back-channel logout, on web-standard Request/Response: only POST with an
 * application/x-www-form-urlencoded body holding exactly one logout_token; 200 when the token
 * was accepted (whether or not a session was still open), 400 with a JSON error otherwise.
 */
export async function backchannelLogoutResponse(
  ctx: ProviderCtx,
  request: Request,
  providerId: string,
): Promise<Response> {
  if (request.method !== "POST") return badRequest("Back-channel logout accepts POST only", 405, { allow: "POST" });
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    return badRequest("The body must be application/x-www-form-urlencoded");
  const body = await readCapped(request);
  if (body === null) return badRequest(`The body is larger than ${MAX_BODY_BYTES} bytes`);
  const tokens = new URLSearchParams(body).getAll("logout_token");
  if (tokens.length !== 1 || !tokens[0]) return badRequest("The body must carry exactly one logout_token");
  const result = await receiveBackchannelLogout(ctx, { providerId, logoutToken: tokens[0] });
  if (!result.ok) return badRequest(`The logout token was refused: ${result.reason}`);
  return new Response(null, { status: 200, headers: HEADERS });
}
