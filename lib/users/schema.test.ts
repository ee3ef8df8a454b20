import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBodySchema, expectCleanResult, hostileString } from "@/lib/testing/schema-properties";
import { LANGUAGE_CODES } from "./languages";
import { PERMISSION_KEYS, PERMISSION_VALUES } from "./permission-catalogue";
import { ZCreateUserInput, ZRoleInput, ZSetUserEnabled, ZUpdateUserInput, ZUserListQuery } from "./schema";

// Issue 8, hostile input: the bodies of /api/v6/users and /api/v6/roles, and the users list query.

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]([a-z0-9_+-]{0,10}[a-z0-9])?$/),
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.constantFrom("com", "org", "test", "example"),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const name = fc.string({ unit: "binary", maxLength: 100 }).filter((s) => s.trim().length <= 100);
const roleIds = fc.array(
  fc.uuid().chain((id) => fc.constantFrom(id, id.toUpperCase())),
  { maxLength: 5 },
);

const userFields = {
  email,
  firstName: name,
  lastName: name,
  username: fc.option(fc.stringMatching(/^[A-Za-z0-9._@-]{0,30}$/), { nil: null }),
  language: fc.constantFrom(...LANGUAGE_CODES),
  roleIds,
  enabled: fc.boolean(),
};
const validUpdate = fc.record(userFields, { requiredKeys: ["email"] });
const validCreate = fc.record(
  { ...userFields, password: fc.option(fc.string({ unit: "binary", minLength: 12, maxLength: 200 }), { nil: null }) },
  { requiredKeys: ["email"] },
);

const validRole = fc.record(
  {
    name: fc
      .string({ unit: "binary", minLength: 1, maxLength: 100 })
      .filter((s) => s.trim().length > 0 && s.trim().length <= 100),
    description: fc.string({ maxLength: 500 }),
    permissions: fc
      .subarray(PERMISSION_KEYS)
      .chain((keys) =>
        fc
          .tuple(...keys.map(() => fc.constantFrom(...PERMISSION_VALUES)))
          .map((vals) => Object.fromEntries(keys.map((k, i) => [k, vals[i]]))),
      ),
  },
  { requiredKeys: ["name"] },
);

describe("REST bodies of users and roles: properties", () => {
  it("POST /users (ZCreateUserInput)", () => {
    checkBodySchema(ZCreateUserInput, validCreate);
  });

  it("PUT /users/<id> (ZUpdateUserInput)", () => {
    checkBodySchema(ZUpdateUserInput, validUpdate);
  });

  it("PATCH /users/<id> (ZSetUserEnabled)", () => {
    checkBodySchema(ZSetUserEnabled, fc.record({ enabled: fc.boolean() }));
  });

  it("POST and PUT /roles (ZRoleInput)", () => {
    checkBodySchema(ZRoleInput, validRole);
  });

  it("role ids are compared lowercased and once each, whatever the spelling", () => {
    fc.assert(
      fc.property(validUpdate, (body) => {
        const ids = ZUpdateUserInput.parse(body).roleIds;
        expect(ids).toEqual([...new Set((body.roleIds ?? []).map((id) => id.toLowerCase()))]);
      }),
      { numRuns: 100 },
    );
  });

  it("GET /users query: any query string gives a clean result", () => {
    const query = fc.dictionary(
      fc.constantFrom("search", "sort", "cursor", "page", "limit", "__proto__", "x"),
      hostileString,
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(query, (params) => {
        expectCleanResult(ZUserListQuery, params);
      }),
      { numRuns: 300 },
    );
  });
});
