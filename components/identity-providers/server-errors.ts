import type { FieldPath, UseFormSetError } from "react-hook-form";
import type { ApiErrorDetail } from "@/components/data/api-client";
import { newProviderValues, type ProviderFormValues } from "./form-values";

const FORM_KEYS = new Set(Object.keys(newProviderValues()));
// Errors about a list as a whole go to the field array's root, where the editor shows them.
const ARRAY_NAMES = /^(resourceUris|jwt\.mappings|resourceUris\.\d+\.mappings)$/;

/** `$.resourceUris[0].mappings[1].path` (the API's JSON path) → `resourceUris.0.mappings.1.path` (a form field name). */
export function toFieldName(path: string): string | null {
  const name = path
    .replace(/^\$\.?/, "")
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^\./, "");
  if (!name || !FORM_KEYS.has(name.split(".")[0]!)) return null;
  return ARRAY_NAMES.test(name) ? `${name}.root` : name;
}

/** Puts each detail under its field; returns the ones no field can show (the banner lists them). */
export function applyServerErrors(
  details: ApiErrorDetail[],
  setError: UseFormSetError<ProviderFormValues>,
): ApiErrorDetail[] {
  const unplaced: ApiErrorDetail[] = [];
  let first = true;
  for (const detail of details) {
    const name = toFieldName(detail.path);
    if (!name) {
      unplaced.push(detail);
      continue;
    }
    setError(
      name as FieldPath<ProviderFormValues>,
      { type: "server", message: detail.message },
      { shouldFocus: first },
    );
    first = false;
  }
  return unplaced;
}
