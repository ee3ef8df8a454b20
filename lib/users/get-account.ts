import type { Db, Tx } from "@/db/client";
import { findUserRow } from "./get-user";

/** What the Account page shows the signed-in user of their own account: the profile, and whether a password is set. */
export type Account = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  username: string | null;
  language: string;
  hasPassword: boolean;
};

/** The account, or null for a user that no longer exists. The password hash stays here: the page learns only whether there is one. */
export async function getAccount(db: Db | Tx, userId: string): Promise<Account | null> {
  const row = await findUserRow(db, userId);
  if (!row) return null;
  const { id, email, firstName, lastName, username, language, passwordHash } = row;
  return { id, email, firstName, lastName, username, language, hasPassword: passwordHash !== null };
}
