import { and, inArray, ne, sql, type SQL } from "drizzle-orm";
import { roles, users } from "@/db/schema";
import type { Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { RoleRef } from "./user-json";

const conflict = (path: string, message: string) => new AppError("conflict", message, [{ path, message }]);
export const DUPLICATE_EMAIL = "A user with this email address already exists";
export const DUPLICATE_USERNAME = "Another user already has this username";

const notThisUser = (userId: string | null): SQL[] => (userId ? [ne(users.id, userId)] : []);

/** Email addresses are unique whatever their case (the users_email_lower_idx index backs this up). */
export async function assertEmailFree(tx: Tx, email: string, userId: string | null): Promise<void> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, ...notThisUser(userId)))
    .limit(1);
  if (rows.length) throw conflict("$.email", DUPLICATE_EMAIL);
}

/** Usernames are unique whatever their case; checked under the user administration lock. */
export async function assertUsernameFree(tx: Tx, username: string | null, userId: string | null): Promise<void> {
  if (!username) return;
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.username}) = lower(${username})`, ...notThisUser(userId)))
    .limit(1);
  if (rows.length) throw conflict("$.username", DUPLICATE_USERNAME);
}

/** The chosen roles, ordered by name; an id that names no role is a field error on that entry. */
export async function resolveRoles(tx: Tx, roleIds: string[]): Promise<RoleRef[]> {
  if (roleIds.length === 0) return [];
  const found = await tx.select({ id: roles.id, name: roles.name }).from(roles).where(inArray(roles.id, roleIds));
  const known = new Set(found.map((r) => r.id));
  const missing = roleIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `$.roleIds[${i}]`, message: "This role does not exist (any more)" }],
  );
  if (missing.length) throw new AppError("validation_failed", "Some of the chosen roles do not exist", missing);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A unique violation that slipped past the checks (another writer outside the lock) → the same field error. */
export function mapUserWriteError(err: unknown): never {
  const cause = ((err as { cause?: unknown }).cause ?? err) as {
    code?: string;
    constraint_name?: string;
    constraint?: string;
  };
  if (cause.code === "23505") {
    const constraint = cause.constraint_name ?? cause.constraint ?? "";
    throw constraint.includes("email") || constraint === ""
      ? conflict("$.email", DUPLICATE_EMAIL)
      : conflict("$", "This user conflicts with an existing one");
  }
  throw err;
}
