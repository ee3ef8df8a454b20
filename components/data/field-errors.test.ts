import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, toErrorResponse } from "@/lib/errors";
import type { ActionResult } from "@/lib/http/action";
import { ApiError, apiRequest } from "./api-client";
import { applyFailure, failureOf, fieldNamer, toFormPath } from "./field-errors";

// The provider editor's shape: nested fields, lists whose own errors go to their root.
const nested = fieldNamer(["name", "resourceUris", "jwt"], {
  lists: /^(resourceUris|jwt\.mappings|resourceUris\.\d+\.mappings)$/,
});
// The user editor's shape: one message per top-level field.
const top = fieldNamer(["email", "roleIds"], { depth: "top" });

/** A setError that records what the form was told. */
function recorder() {
  const calls: { name: string; message: string | undefined; focus: boolean | undefined }[] = [];
  const setError = (name: string, error: { message?: string }, options?: { shouldFocus?: boolean }) =>
    calls.push({ name, message: error.message, focus: options?.shouldFocus });
  return { calls, setError };
}

/** What apiRequest throws when the server answers this response. */
async function refusal(response: Response): Promise<unknown> {
  vi.stubGlobal("fetch", async () => response);
  return apiRequest("/api/v6/roles", { method: "POST", body: {} }).then(
    () => expect.unreachable("the request should have failed"),
    (err: unknown) => err,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("toFormPath", () => {
  it("reads the REST API's JSON paths and a server action's field keys alike", () => {
    const paths = ["$.resourceUris[0].mappings[1].path", "resourceUris.0.mappings.1.path", "resourceUris[0].mappings"];
    expect(paths.map(toFormPath)).toEqual([
      "resourceUris.0.mappings.1.path",
      "resourceUris.0.mappings.1.path",
      "resourceUris.0.mappings",
    ]);
    expect([toFormPath("$.name"), toFormPath("$")]).toEqual(["name", ""]);
  });
});

describe("fieldNamer", () => {
  it("puts a path on the field it names, an error about a list as a whole on the field array's root", () => {
    const cases: [string, string][] = [
      ["$.name", "name"],
      ["$.jwt.issuer", "jwt.issuer"],
      ["$.resourceUris[0].mappings[1].path", "resourceUris.0.mappings.1.path"],
      ["$.resourceUris[2].uri", "resourceUris.2.uri"],
      ["$.resourceUris", "resourceUris.root"],
      ["$.resourceUris[2].mappings", "resourceUris.2.mappings.root"],
      ["$.jwt.mappings", "jwt.mappings.root"],
    ];
    expect(cases.map(([path]) => [path, nested(path)])).toEqual(cases);
  });

  it("in a form with one message per field, puts a nested path on its top-level field", () => {
    expect([top("$.roleIds[1]"), top("$.email"), top("email")]).toEqual(["roleIds", "email", "email"]);
  });

  it("leaves unknown paths, the body as a whole and array bodies to the form-level alert", () => {
    for (const namer of [nested, top]) {
      expect(namer("$.nope")).toBeNull();
      expect(namer("$.nope.name")).toBeNull();
      expect(namer("$")).toBeNull();
      expect(namer("$[0]")).toBeNull();
      expect(namer("")).toBeNull();
    }
    // The key must be a whole segment, not a prefix.
    expect(nested("$.names")).toBeNull();
  });
});

describe("applyFailure", () => {
  it("places each problem of a 400 under its field, focuses the first, and lists the rest", async () => {
    const schema = z.object({
      name: z.string().min(1, "Enter a name"),
      resourceUris: z.array(z.object({ mappings: z.array(z.object({ path: z.string().min(1, "Enter a path") })) })),
      unknown: z.string({ error: "Not a field" }),
    });
    const zodError = schema.safeParse({ name: "", resourceUris: [{ mappings: [{ path: "x" }, { path: "" }] }] }).error;
    const err = await refusal(toErrorResponse(zodError));
    const { calls, setError } = recorder();

    const alert = applyFailure(err, setError, nested);

    expect(calls).toEqual([
      { name: "name", message: "Enter a name", focus: true },
      { name: "resourceUris.0.mappings.1.path", message: "Enter a path", focus: false },
    ]);
    expect(alert).toEqual({
      title: "The request is not valid",
      details: [{ path: "$.unknown", message: "Not a field" }],
      fieldErrors: true,
    });
  });

  it("puts a 409 on the field it names and keeps the server's message as the title", async () => {
    const message = "A role with this name already exists";
    const err = await refusal(toErrorResponse(new AppError("conflict", message, [{ path: "$.name", message }])));
    const { calls, setError } = recorder();

    expect(applyFailure(err, setError, nested)).toEqual({ title: message, details: [], fieldErrors: true });
    expect(calls).toEqual([{ name: "name", message, focus: true }]);
  });

  it("says a 403 or a 413 in the alert alone (their details are not field problems)", async () => {
    const forbidden = "You do not have permission to do this: it needs User can create roles";
    const tooLarge = "The request body is larger than 1048576 bytes";
    for (const error of [
      new AppError("forbidden", forbidden, { permissions: ["manage_roles"] }),
      new AppError("payload_too_large", tooLarge),
    ]) {
      const err = await refusal(toErrorResponse(error));
      expect(err).toMatchObject({ status: error.status, code: error.code });
      const { calls, setError } = recorder();
      expect(applyFailure(err, setError, top)).toEqual({ title: error.message, details: [], fieldErrors: false });
      expect(calls).toEqual([]);
    }
  });

  it("says a refusal whose body is not JSON (a proxy's HTML page) by its HTTP status", async () => {
    const err = await refusal(new Response("<html>Bad gateway</html>", { status: 502 }));
    const { calls, setError } = recorder();
    expect(applyFailure(err, setError, nested)).toEqual({
      title: "The server answered HTTP 502",
      details: [],
      fieldErrors: false,
    });
    expect(calls).toEqual([]);
  });

  it("says an ended session and an unreachable server in the alert", async () => {
    const ended = await refusal(toErrorResponse(new AppError("unauthorized", "Sign in")));
    expect(applyFailure(ended, recorder().setError, nested).title).toBe(
      "Your session has ended. Sign in again, then retry.",
    );
    vi.stubGlobal("fetch", async () => Promise.reject(new TypeError("Failed to fetch")));
    const offline = await apiRequest("/api/v6/roles").catch((err: unknown) => err);
    expect(applyFailure(offline, recorder().setError, nested)).toEqual({
      title: "The server could not be reached. Check your connection and try again.",
      details: [],
      fieldErrors: false,
    });
  });

  it("maps a server action's { ok: false, fieldErrors } with the same rules", () => {
    // As lib/http/action.ts answers: zod paths joined with dots, AppError paths without their `$.`.
    const result: ActionResult = {
      ok: false,
      code: "validation_failed",
      message: "Enter an email address",
      fieldErrors: {
        email: "Enter an email address",
        "resourceUris[0].mappings": "Add a mapping",
        nope: "Not a field",
      },
    };
    const { calls, setError } = recorder();

    const alert = applyFailure(result, setError, nested);

    expect(calls).toEqual([{ name: "resourceUris.0.mappings.root", message: "Add a mapping", focus: true }]);
    expect(alert).toEqual({
      title: "Enter an email address",
      details: [
        { path: "email", message: "Enter an email address" },
        { path: "nope", message: "Not a field" },
      ],
      fieldErrors: true,
    });
    const byTop = recorder();
    applyFailure(result, byTop.setError, top);
    expect(byTop.calls).toEqual([{ name: "email", message: "Enter an email address", focus: true }]);
  });

  it("says anything else thrown by its message, or a generic one", () => {
    for (const [thrown, title] of [
      [new Error("Boom"), "Boom"],
      ["a string", "Something went wrong"],
      [null, "Something went wrong"],
      [{ ok: true, data: null }, "Something went wrong"],
    ] as const) {
      const { calls, setError } = recorder();
      expect(applyFailure(thrown, setError, nested)).toEqual({ title, details: [], fieldErrors: false });
      expect(calls).toEqual([]);
    }
  });
});

describe("failureOf", () => {
  it("keeps the details of an ApiError as they came", () => {
    const err = new ApiError(400, "validation_failed", "The request is not valid", [{ path: "$.a", message: "m" }]);
    expect(failureOf(err)).toEqual({ title: "The request is not valid", details: [{ path: "$.a", message: "m" }] });
  });
});
