import { randomUUID } from "node:crypto";
import { z } from "zod";

const STATUS = {
  bad_request: 400,
  validation_failed: 400,
  address_not_allowed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** The one mapping from a thrown error to a JSON response; unknown errors are logged, never echoed. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof z.ZodError) {
    const details = err.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    return Response.json(
      { error: { code: "validation_failed", message: "The request is not valid", details } } satisfies ErrorBody,
      {
        status: 400,
      },
    );
  }
  if (err instanceof AppError) {
    const body: ErrorBody = {
      error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) },
    };
    return Response.json(body, { status: err.status });
  }
  const requestId = randomUUID();
  console.error(`[request ${requestId}]`, err instanceof Error ? err.stack : err);
  return Response.json(
    { error: { code: "internal", message: `Internal error (request id ${requestId})` } } satisfies ErrorBody,
    {
      status: 500,
    },
  );
}

/** `$.Steps[0].Recipients[1].Email`: the JSON path integrators see for each problem. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${String(p)}`), "$");
}
