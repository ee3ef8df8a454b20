// Next adapter: the one way into a route handler. It authenticates (API token or session, or
// an anonymous caller), checks the permission and the Origin, reads the body within its cap
// while it streams (413), parses body and path parameters with zod, builds the ctx and maps
// every error to `{ error: { code, message, details } }`. A route cannot forget a check.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { isOwnOrigin, isStateChanging, requireApi, requireApiForUser, type ApiCtx } from "@/lib/auth/api-auth";
import { requestMeta } from "@/lib/auth/request-meta";
import { getConfig, type AppConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { AppError, toErrorResponse } from "@/lib/errors";
import { assertMayActOnUser } from "@/lib/users/privilege-checks";
import type { PermissionKey } from "@/lib/users/permissions";
import { strictTransportSecurity } from "./security-headers";
import { DEFAULT_MAX_BODY_BYTES, parseFormBody, parseJsonBody, readCappedBody } from "./read-body";

/** An anonymous caller's ctx: the signer, the IdP's browser redirect, a back-channel call. */
export type PublicCtx = Ctx & { config: AppConfig };

type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

type Common<B, P> = {
  /** zod schema of a JSON body. */
  body?: B;
  /** The body is a form (multipart or urlencoded) instead of JSON. */
  form?: boolean;
  /** zod schema of the path parameters; a value that does not parse is a 404. */
  params?: P;
  /** Largest body accepted (default 1 MiB), and what the 413 says. */
  maxBytes?: number;
  tooLargeMessage?: string;
  /** Status of a plain (non-Response) answer; default 200, `undefined` answers 204. */
  status?: number;
  /** For routes that answer a person's browser with a page, not JSON: how a failure is answered. */
  onError?: (err: unknown) => Response | Promise<Response>;
};

type UserSpec<B, P> = Common<B, P> & {
  auth: "user";
  /** The caller must hold one of these (none: any signed-in caller or token). */
  permission?: PermissionKey | readonly PermissionKey[];
  /** The route is about the user named by this path parameter: they may, else `permission` is needed. */
  self?: string;
};

type PublicSpec<B, P> = Common<B, P> & {
  auth: "public";
  /** Check that a state-changing request comes from the app's own pages (default true). */
  origin?: boolean;
};

type Args<C, B, P> = { request: Request; ctx: C; body: Parsed<B>; params: Parsed<P>; form: FormData | null };
type Handler<C, B, P> = (args: Args<C, B, P>) => Promise<unknown> | unknown;
type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = ((request: Request, context: NextContext) => Promise<Response>) & {
  readonly [WRAPPED]: true;
};

/** Marks what went through the wrapper (the hardening test reads the source; this marks it at run time). */
export const WRAPPED: unique symbol = Symbol.for("signer-auth.route");

export function route<B extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  spec: UserSpec<B, P>,
  fn: Handler<ApiCtx, B, P>,
): RouteHandler;
export function route<B extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  spec: PublicSpec<B, P>,
  fn: Handler<PublicCtx, B, P>,
): RouteHandler;
export function route(
  spec: UserSpec<Schema, Schema> | PublicSpec<Schema, Schema>,
  fn: Handler<never, Schema, Schema>,
): RouteHandler {
  const handler = async (request: Request, context: NextContext): Promise<Response> => {
    try {
      const rawParams = context?.params ? await context.params : {};
      const ctx = spec.auth === "user" ? await userCtx(request, spec, rawParams) : await publicCtx(request, spec);
      const params = spec.params ? parseParams(spec.params, rawParams) : undefined;
      let body: unknown;
      let form: FormData | null = null;
      if (spec.body || spec.form) {
        const bytes = await readCappedBody(request, spec.maxBytes ?? DEFAULT_MAX_BODY_BYTES, spec.tooLargeMessage);
        if (spec.form) form = await parseFormBody(bytes, request.headers.get("content-type"));
        else body = spec.body!.parse(parseJsonBody(bytes));
      }
      const result = await (fn as Handler<ApiCtx | PublicCtx, Schema, Schema>)({
        request,
        ctx,
        body,
        params,
        form,
      } as Args<ApiCtx | PublicCtx, Schema, Schema>);
      if (result instanceof Response) return withHsts(result);
      if (result === undefined) return withHsts(new Response(null, { status: 204 }));
      return withHsts(Response.json(result, { status: spec.status ?? 200 }));
    } catch (err) {
      unstable_rethrow(err);
      return withHsts(await (spec.onError ? spec.onError(err) : toErrorResponse(err)));
    }
  };
  return Object.assign(handler, { [WRAPPED]: true as const });
}

/** HSTS on every answer over https in production (proxy.ts does not run for route handlers that need nothing else from it). */
function withHsts(response: Response): Response {
  const hsts = strictTransportSecurity({
    appUrl: getConfig().appUrl,
    production: process.env.NODE_ENV === "production",
  });
  if (hsts && !response.headers.has("Strict-Transport-Security"))
    response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/** Path parameters that are ids: anything but a UUID names nothing (404). */
export const uuidParams = <K extends string>(...names: K[]) =>
  z.object(Object.fromEntries(names.map((n) => [n, z.guid()])) as Record<K, z.ZodGUID>);

function parseParams(schema: Schema, raw: unknown): unknown {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", "Not found");
  return parsed.data;
}

async function userCtx(
  request: Request,
  spec: UserSpec<Schema, Schema>,
  rawParams: Record<string, unknown>,
): Promise<ApiCtx> {
  if (!spec.self) return requireApi(request, spec.permission ?? null);
  const single = typeof spec.permission === "string" ? spec.permission : spec.permission?.[0];
  if (!single) throw new Error(`route(): 'self' needs the permission that lets others in`);
  const target = String(rawParams[spec.self] ?? "");
  const ctx = await requireApiForUser(request, target, single);
  // Changing another user's account is only over a user who holds nothing the caller does not.
  if (ctx.user.id !== target && isStateChanging(request.method)) await assertMayActOnUser(ctx, target, ctx.permissions);
  return ctx;
}

async function publicCtx(request: Request, spec: PublicSpec<Schema, Schema>): Promise<PublicCtx> {
  const config = getConfig();
  // A form post from another site cannot act in the visitor's browser (their signing, their binding).
  if ((spec.origin ?? true) && isStateChanging(request.method) && !isOwnOrigin(request, config))
    throw new AppError("forbidden", "Cross-origin request refused");
  return { db: await getDb(), actor: { kind: "anonymous" }, ...requestMeta(request.headers), config };
}
