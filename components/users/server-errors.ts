import type { FieldPath, UseFormSetError } from "react-hook-form";
import type { ApiErrorDetail } from "@/components/data/api-client";
import type { UserFormValues } from "./user-form-fields";

const FIELDS = new Set(["email", "firstName", "lastName", "username", "language", "roleIds", "enabled", "password"]);

/** `$.email` → the Email field; `$.roleIds[1]` → the Roles list. Returns what no field can show. */
export function applyUserServerErrors(
  details: ApiErrorDetail[],
  setError: UseFormSetError<UserFormValues>,
): ApiErrorDetail[] {
  const unplaced: ApiErrorDetail[] = [];
  let first = true;
  for (const detail of details) {
    const name = detail.path.replace(/^\$\.?/, "").split(/[.[]/)[0] ?? "";
    if (!FIELDS.has(name)) {
      unplaced.push(detail);
      continue;
    }
    setError(name as FieldPath<UserFormValues>, { type: "server", message: detail.message }, { shouldFocus: first });
    first = false;
  }
  return unplaced;
}
