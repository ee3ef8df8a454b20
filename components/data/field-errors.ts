import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/http/action";
import { ApiError, errorMessage, type ApiErrorDetail } from "./api-client";

/** What a form shows above its fields after a refused save: the server's message, and what no field can show. */
export type FormAlert = { title: string; details: ApiErrorDetail[]; fieldErrors: boolean };

/** The form field a server path lands on, or null: the form-level alert shows it. */
export type FieldNamer = (path: string) => string | null;

type ActionFailure = Extract<ActionResult, { ok: false }>;

const isActionFailure = (value: unknown): value is ActionFailure =>
  typeof value === "object" &&
  value !== null &&
  (value as { ok?: unknown }).ok === false &&
  typeof (value as { message?: unknown }).message === "string";

/**
 * The paths of both shapes the server refuses with, as form field names: the REST API's JSON
 * paths (`$.resourceUris[0].mappings[1].path`, lib/errors.ts) and a server action's field keys
 * (`resourceUris.0.mappings`, lib/http/action.ts) → `resourceUris.0.mappings.1.path`.
 */
export function toFormPath(path: string): string {
  return path
    .replace(/^\$\.?/, "")
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^\./, "");
}

/**
 * Where a form shows server errors. `keys` are the form's top-level fields; a path under any
 * other goes to the alert. "path" puts an error on the nested field it names, and an error about
 * a list as a whole (`lists`) on the field array's root; "top" puts it on its top-level field
 * (`$.roleIds[1]` → `roleIds`), for forms that show one message per field.
 */
export function fieldNamer(
  keys: Iterable<string>,
  { depth = "path", lists }: { depth?: "path" | "top"; lists?: RegExp } = {},
): FieldNamer {
  const known = new Set(keys);
  return (path) => {
    const name = toFormPath(path);
    const top = name.split(".")[0]!;
    if (!name || !known.has(top)) return null;
    if (depth === "top") return top;
    return lists?.test(name) ? `${name}.root` : name;
  };
}

/** A thrown ApiError, a server action's `{ ok: false }`, or anything else: its message and its field problems. */
export function failureOf(err: unknown): { title: string; details: ApiErrorDetail[] } {
  if (err instanceof ApiError) return { title: err.message, details: err.details };
  if (isActionFailure(err)) {
    const details = Object.entries(err.fieldErrors ?? {}).map(([path, message]) => ({ path, message }));
    return { title: err.message, details };
  }
  return { title: errorMessage(err), details: [] };
}

/** Puts each problem under its field (focusing the first) and returns the alert for the rest. */
export function applyFailure<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  toField: FieldNamer,
): FormAlert {
  const { title, details } = failureOf(err);
  const unplaced: ApiErrorDetail[] = [];
  let first = true;
  for (const detail of details) {
    const name = toField(detail.path);
    if (!name) {
      unplaced.push(detail);
      continue;
    }
    setError(name as FieldPath<T>, { type: "server", message: detail.message }, { shouldFocus: first });
    first = false;
  }
  return { title, details: unplaced, fieldErrors: unplaced.length < details.length };
}
