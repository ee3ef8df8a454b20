// The browser's client of the app's REST API (/api/v6/...): JSON in and out, every refusal as an ApiError.

export type ApiErrorDetail = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const isDetail = (d: unknown): d is ApiErrorDetail =>
  typeof d === "object" &&
  d !== null &&
  typeof (d as ApiErrorDetail).path === "string" &&
  typeof (d as ApiErrorDetail).message === "string";

// Same-origin fetch: the browser sends the session cookie, and the Origin header the API
// requires on state-changing requests.
export async function apiRequest<T>(
  path: string,
  { method = "GET", body }: { method?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers:
        body === undefined
          ? { accept: "application/json" }
          : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    const message = typeof error?.message === "string" ? error.message : `The server answered HTTP ${response.status}`;
    const details = Array.isArray(error?.details) ? error.details.filter(isDetail) : [];
    if (response.status === 401)
      throw new ApiError(401, "unauthorized", "Your session has ended. Sign in again, then retry.");
    throw new ApiError(response.status, typeof error?.code === "string" ? error.code : "http_error", message, details);
  }
  return json as T;
}

export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : "Something went wrong");
