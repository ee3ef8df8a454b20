import { AppError } from "@/lib/errors";

/** Postgres unique violation on the provider name → a field error the form shows under Provider Name. */
export function mapProviderWriteError(err: unknown): never {
  const cause = (err as { cause?: { code?: string; constraint_name?: string } }).cause ?? (err as { code?: string });
  if ((cause as { code?: string }).code === "23505") {
    throw new AppError("conflict", "A provider with this name already exists", [
      { path: "$.name", message: "A provider with this name already exists" },
    ]);
  }
  throw err;
}
