import { withDatabase } from "@/db/test/test-db";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { seedUser } from "@/db/test/seed";
import { BACKENDS } from "@/db/test/test-db";
import { getAccount } from "./get-account";

describe.each(BACKENDS)("the Account page's account on $backend", ({ open }) => {
  let handle: DbHandle;
  withDatabase(open, (opened) => (handle = opened));

  it("shows the profile and that a password is set, never the hash", async () => {
    const { user, email } = await seedUser(handle.db);
    const account = await getAccount(handle.db, user.id);
    expect(account).toEqual({
      id: user.id,
      email,
      firstName: "Test",
      lastName: "User",
      username: null,
      language: "en",
      hasPassword: true,
    });
    expect(JSON.stringify(account)).not.toContain(user.passwordHash!);
  });

  it("says when the user signs in only through a provider (no password)", async () => {
    const { user } = await seedUser(handle.db, { password: null });
    expect((await getAccount(handle.db, user.id))?.hasPassword).toBe(false);
  });

  it("is null for a user that does not exist", async () => {
    expect(await getAccount(handle.db, randomUUID())).toBeNull();
  });
});
