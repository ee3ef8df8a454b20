// Next adapter: the one way into a server action. It checks the Origin, authenticates (signed-in
// user with the permission, or an anonymous visitor), parses the input with zod and answers the
// one result shape; Next's redirect and notFound pass through.
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { requirePermission, type CurrentUser } from "@/lib/auth/current-user";
import { requestMeta } from "@/lib/auth/request-meta";
import { getConfig, type AppConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { PermissionKey } from "@/lib/users/permissions";
import type { PublicCtx } from "./route";

/** What every server action answers (STYLE.md): data on success, or a code, a message and the fields at fault. */
export type ActionResult<T = null> =
  { ok: true; data: T } | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string> };

export type UserActionCtx = Ctx & { config: AppConfig; user: CurrentUser };

type Spec<S extends z.ZodType> =
  { input: S; auth: "public" } | { input: S; auth: "user"; permission: PermissionKey | null };

export const ACTION: unique symbol = Symbol.for("signer-auth.action");

export function action<S extends z.ZodType, T>(
  spec: Spec<S> & { auth: "user" },
  fn: (ctx: UserActionCtx, input: z.output<S>) => Promise<T>,
): (...args: unknown[]) => Promise<ActionResult<T>>;
export function action<S extends z.ZodType, T>(
  spec: Spec<S> & { auth: "public" },
  fn: (ctx: PublicCtx, input: z.output<S>) => Promise<T>,
): (...args: unknown[]) => Promise<ActionResult<T>>;
export function action<S extends z.ZodType, T>(spec: Spec<S>, fn: (ctx: never, input: z.output<S>) => Promise<T>) {
  const wrapped = async (...args: unknown[]): Promise<ActionResult<T>> => {
    try {
      const config = getConfig();
      const head = await headers();
      // Next refuses a cross-site action by Host; this holds it to the configured public origin too.
      if (head.get("origin") !== new URL(config.appUrl).origin)
        throw new AppError("forbidden", "Cross-origin request refused");
      const ctx =
        spec.auth === "user"
          ? { ...(await requirePermission(spec.permission)), config }
          : { db: await getDb(), actor: { kind: "anonymous" as const }, ...requestMeta(head), config };
      const input = spec.input.parse(inputOf(args));
      return { ok: true, data: await (fn as (ctx: unknown, input: unknown) => Promise<T>)(ctx, input) };
    } catch (err) {
      unstable_rethrow(err);
      return toActionError(err);
    }
  };
  return Object.assign(wrapped, { [ACTION]: true as const });
}

/** The last argument is the input: a plain value from a component, or the FormData of a form (after useActionState's previous state). */
function inputOf(args: unknown[]): unknown {
  const last = args.at(-1);
  if (!(last instanceof FormData)) return last ?? {};
  return Object.fromEntries([...last.entries()].filter(([k]) => !k.startsWith("$ACTION")));
}

export function toActionError(err: unknown): ActionResult<never> {
  if (err instanceof z.ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of err.issues) fieldErrors[issue.path.map(String).join(".")] ??= issue.message;
    return { ok: false, code: "validation_failed", message: err.issues[0]?.message ?? "Check the fields", fieldErrors };
  }
  if (err instanceof AppError) {
    const fieldErrors = fieldErrorsOf(err.details);
    return { ok: false, code: err.code, message: err.message, ...(fieldErrors ? { fieldErrors } : {}) };
  }
  const requestId = randomUUID();
  console.error(`[action ${requestId}]`, err instanceof Error ? err.stack : err);
  return {
    ok: false,
    code: "internal",
    message: `Something went wrong (request id ${requestId}). Reload the page and try again.`,
  };
}

/** AppError details in the REST shape (`[{ path: "$.a.b", message }]`) as the form's field errors. */
function fieldErrorsOf(details: unknown): Record<string, string> | undefined {
  if (!Array.isArray(details)) return undefined;
  const out: Record<string, string> = {};
  for (const d of details) {
    if (d && typeof d === "object" && typeof d.path === "string" && typeof d.message === "string")
      out[d.path.replace(/^\$\.?/, "")] ??= d.message;
  }
  return Object.keys(out).length ? out : undefined;
}
