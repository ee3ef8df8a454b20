import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { roles, userRoles, users } from "@/db/schema";
import { listUsers, type UserPage } from "./list-users";
import { ROLELESS_WALK } from "./role-groups";
import type { TUserListQuery } from "./schema";
import { openFreshDb, type Backend } from "./test-support";
import type { UserJson } from "./user-json";

const FIRST = ["Anna", "anton", "Bert", "Chloé", "<b>Dora</b>", "Émile", "zoe", "Zack"];
const LAST = ["Müller", "Smith", "smith", "Anders", "Óscar", "Ng"];
const bytes = (s: string) => Buffer.from(s.toLowerCase());
const byteOrder = (a: string, b: string) => Buffer.compare(bytes(a), bytes(b));

/** Every page, following nextCursor; the ids in the order they came. */
async function walk(db: DbHandle["db"], q: TUserListQuery): Promise<UserJson[]> {
  const seen: UserJson[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page: UserPage = await listUsers({ db }, { ...q, cursor });
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("too many pages");
}

describe.each<{ backend: Backend }>([{ backend: "PostgreSQL" }, { backend: "PGlite" }])(
  "the Users list on $backend",
  ({ backend }) => {
    let handle: DbHandle;
    let all: (typeof users.$inferSelect)[];
    const roleOf = new Map<string, string[]>();
    beforeAll(async () => {
      handle = await openFreshDb(backend);
      all = await handle.db
        .insert(users)
        .values(
          Array.from({ length: 48 }, (_, i) => ({
            email: `${FIRST[i % FIRST.length]!.replace(/[<>/]/g, "")}.${i}@Example${i % 3}.test`,
            firstName: FIRST[i % FIRST.length]!,
            lastName: LAST[i % LAST.length]!,
            username: i % 4 === 0 ? null : `user_${(i * 7) % 48}`,
            sid: i % 5 === 0 ? `S-1-5-21-${i}` : null,
            enabled: i % 6 !== 0,
          })),
        )
        .returning();
      const [admin, sender, viewer] = await handle.db
        .insert(roles)
        .values([{ name: "Administrator" }, { name: "Sender" }, { name: "viewer" }])
        .returning();
      const pairs = all.flatMap((u, i) => [
        ...(i % 2 === 0 ? [{ userId: u.id, roleId: sender!.id }] : []),
        ...(i % 7 === 0 ? [{ userId: u.id, roleId: admin!.id }] : []),
        ...(i % 3 === 0 ? [{ userId: u.id, roleId: viewer!.id }] : []),
      ]);
      await handle.db.insert(userRoles).values(pairs);
      for (const p of pairs)
        roleOf.set(p.userId, [
          ...(roleOf.get(p.userId) ?? []),
          [admin, sender, viewer].find((r) => r!.id === p.roleId)!.name,
        ]);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it.each([
      ["email", (u: UserJson) => u.email],
      ["firstName", (u: UserJson) => u.firstName],
      ["lastName", (u: UserJson) => u.lastName],
      ["username", (u: UserJson) => u.username ?? ""],
      ["sid", (u: UserJson) => u.sid ?? ""],
    ] as const)(
      "sorted by %s, both ways: every user exactly once, in case-insensitive byte order, ties by id",
      async (field, key) => {
        for (const desc of [false, true]) {
          const seen = await walk(handle.db, { sort: `${desc ? "-" : ""}${field}`, limit: 7 });
          const expected = [...seen].sort((a, b) => byteOrder(key(a), key(b)) || (a.id < b.id ? -1 : 1));
          if (desc) expected.reverse();
          expect(seen.map((u) => u.id)).toEqual(expected.map((u) => u.id));
          expect(new Set(seen.map((u) => u.id)).size).toBe(all.length);
        }
      },
    );

    it("sorted by Enabled: disabled users first, then by email; the total counts every user", async () => {
      const seen = await walk(handle.db, { sort: "enabled", limit: 10 });
      const firstEnabled = seen.findIndex((u) => u.enabled);
      expect(
        seen.slice(0, firstEnabled).every((u) => !u.enabled) && seen.slice(firstEnabled).every((u) => u.enabled),
      ).toBe(true);
      expect(firstEnabled).toBe(8);
      expect((await listUsers({ db: handle.db }, { limit: 5 })).total).toBe(48);
    });

    it("sorted by Roles: grouped by each user's first role, users without roles last; descending reverses the role groups", async () => {
      const group = (u: UserJson) => u.roles[0]?.name ?? "";
      for (const desc of [false, true]) {
        const seen = await walk(handle.db, { sort: desc ? "-roles" : "roles", limit: 6 });
        expect(new Set(seen.map((u) => u.id)).size).toBe(all.length);
        const groups = [...new Set(seen.map(group))];
        expect(groups).toEqual(
          desc ? ["viewer", "Sender", "Administrator", ""] : ["Administrator", "Sender", "viewer", ""],
        );
        for (const g of groups) {
          const emails = seen.filter((u) => group(u) === g).map((u) => u.email);
          const sorted = [...emails].sort(byteOrder);
          expect(emails).toEqual(desc ? sorted.reverse() : sorted);
        }
        for (const u of seen) expect(u.roles.map((r) => r.name)).toEqual([...(roleOf.get(u.id) ?? [])].sort(byteOrder));
      }
    });

    it("searched and sorted by Roles, both ways: the matches in the order of the whole list, across pages", async () => {
      for (const sort of ["roles", "-roles"]) {
        const whole = await walk(handle.db, { sort, limit: 200 });
        for (const search of ["s", "a", "user_1"]) {
          const matches = whole.filter((u) =>
            [u.email, u.firstName, u.lastName, u.username ?? ""].some((v) => v.toLowerCase().startsWith(search)),
          );
          expect(matches.some((u) => u.roles.length === 0) || search === "user_1").toBe(true);
          expect((await walk(handle.db, { sort, search, limit: 3 })).map((u) => u.id)).toEqual(
            matches.map((u) => u.id),
          );
        }
      }
    });

    it("searches case-insensitively at the start of email, first name, last name or username; every word must match", async () => {
      const anna = await listUsers({ db: handle.db }, { search: "ANN", limit: 200 });
      expect(anna.items.length).toBeGreaterThan(0);
      expect(
        anna.items.every((u) =>
          [u.email, u.firstName, u.lastName, u.username ?? ""].some((v) => v.toLowerCase().startsWith("ann")),
        ),
      ).toBe(true);
      expect(anna.total).toBe(anna.items.length);
      const both = await listUsers({ db: handle.db }, { search: "anna  mül", limit: 200 });
      expect(both.items.length).toBeGreaterThan(0);
      expect(both.items.every((u) => u.firstName === "Anna" && u.lastName === "Müller")).toBe(true);
      expect(
        (await listUsers({ db: handle.db }, { search: "user_1" })).items.every((u) => u.username!.startsWith("user_1")),
      ).toBe(true);
      // Wildcards are plain characters, and the middle of a word is not searched.
      expect((await listUsers({ db: handle.db }, { search: "user%" })).total).toBe(0);
      expect((await listUsers({ db: handle.db }, { search: "nna" })).total).toBe(0);
      expect((await listUsers({ db: handle.db }, { search: "<b>" })).items.map((u) => u.firstName)).toContain(
        "<b>Dora</b>",
      );
    });

    it("page numbers give the same pages as the cursor; cursors of another sort or made up are refused", async () => {
      const first = await listUsers({ db: handle.db }, { sort: "lastName", limit: 9 });
      const second = await listUsers({ db: handle.db }, { sort: "lastName", limit: 9, cursor: first.nextCursor! });
      const page2 = await listUsers({ db: handle.db }, { sort: "lastName", limit: 9, page: 2 });
      expect(page2.items.map((u) => u.id)).toEqual(second.items.map((u) => u.id));
      await expect(listUsers({ db: handle.db }, { sort: "email", cursor: first.nextCursor! })).rejects.toMatchObject({
        code: "bad_request",
        message: "The cursor belongs to another sort order",
      });
      await expect(listUsers({ db: handle.db }, { cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({
        code: "bad_request",
        details: [{ path: "$.cursor" }],
      });
      await expect(listUsers({ db: handle.db }, { sort: "password" })).rejects.toThrow(/Sort by one of email/);
      await expect(listUsers({ db: handle.db }, { sort: "roles", page: 2 })).rejects.toMatchObject({
        details: [{ path: "$.page" }],
      });
    });
  },
);

describe.each<{ backend: Backend }>([{ backend: "PostgreSQL" }, { backend: "PGlite" }])(
  "users without roles, rarer than the walk finds them, on $backend",
  ({ backend }) => {
    let handle: DbHandle;
    let withRole: string[];
    beforeAll(async () => {
      handle = await openFreshDb(backend);
      const [role] = await handle.db.insert(roles).values({ name: "User" }).returning();
      const members = await handle.db
        .insert(users)
        .values(
          Array.from({ length: ROLELESS_WALK + 50 }, (_, i) => ({
            email: `u${String(i).padStart(5, "0")}@example.test`,
          })),
        )
        .returning();
      await handle.db.insert(userRoles).values(members.map((u) => ({ userId: u.id, roleId: role!.id })));
      // Before and after every member in email order: the walk from the start finds two, then
      // meets ROLELESS_WALK members, so the rest come from users_without_roles().
      await handle.db
        .insert(users)
        .values(["0a@example.test", "0b@example.test", "zz@example.test"].map((email) => ({ email })));
      withRole = members.map((u) => u.email);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("sorted by Roles both ways, across a page that ends among them (117 x 9 = the members and two of them): each user once, those without roles last", async () => {
      const up = await walk(handle.db, { sort: "roles", limit: 117 });
      expect(up.map((u) => u.email)).toEqual([...withRole, "0a@example.test", "0b@example.test", "zz@example.test"]);
      const down = await walk(handle.db, { sort: "-roles", limit: 117 });
      expect(down.map((u) => u.email)).toEqual(
        [...withRole].reverse().concat(["zz@example.test", "0b@example.test", "0a@example.test"]),
      );
      const found = await listUsers({ db: handle.db }, { sort: "roles", search: "0", limit: 1 });
      expect(found.items.map((u) => u.email)).toEqual(["0a@example.test"]);
      expect(
        (await listUsers({ db: handle.db }, { sort: "roles", search: "0", cursor: found.nextCursor! })).items.map(
          (u) => u.email,
        ),
      ).toEqual(["0b@example.test"]);
    });
  },
);
