import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DbHandle } from "@/db/client";
import { providerCtx } from "@/db/test/provider-ctx";
import { openTestDb, uniqueEmail } from "@/db/test/test-db";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { findProviderRow, getProvider } from "@/lib/identity-providers/get-provider";
import { providerInputFromRow } from "@/lib/identity-providers/provider-settings";
import {
  ZJwtConfig,
  ZMapping,
  ZProviderInput,
  ZResourceUri,
  type ProviderInput,
} from "@/lib/identity-providers/schema";
import { toFormValues } from "./form-values";

// Issue 14 §2: the provider's fields are listed once, by the schema. The row mapper, the REST
// JSON and the editor's values carry exactly its keys, and a saved value of every one of them
// comes back into the editor (a field left out would show its default instead).

/** What the JSON adds to the settings (DESIGN.md "JSON shapes"): read-only, or the secret's stand-in. */
const JSON_EXTRAS = [
  "id",
  "redirectUri",
  "logonUrl",
  "postLogoutRedirectUri",
  "backchannelLogoutUri",
  "clientSecretSet",
  "publicJwks",
  "clientJwksUri",
  "kind",
  "createdAt",
  "updatedAt",
];

const mapping = (field: "custom" | "firstName") => ({
  path: field === "custom" ? "claims.member_id" : "name.given",
  mode: field === "custom" ? ("validate" as const) : ("update" as const),
  respectCase: true,
  field,
  customFieldId: `ref-${field}`,
});

/** A provider with a value other than the default in every field, nested ones included. */
const everyField = (): Required<ProviderInput> => ({
  name: `Every field ${uniqueEmail("idp")}`,
  clientId: "client-every-field",
  clientSecret: "every-field-secret",
  scope: "openid email",
  authorizationUri: "https://idp.example.com/authorize",
  tokenUri: "https://idp.example.com/token",
  logoutUri: "https://idp.example.com/logout",
  userinfoUri: "https://idp.example.com/userinfo",
  tokenEndpointAuthMethod: "client_secret_post",
  pkce: false,
  jwt: {
    jwksUri: "https://idp.example.com/jwks",
    issuer: "https://idp.example.com",
    addNonce: false,
    validateAudience: false,
    validateIssuer: false,
    validateLifetime: false,
    clockSkewSeconds: 5,
    allowedAlgorithms: ["ES384", "EdDSA"],
    mappings: [mapping("custom")],
  },
  resourceUris: [
    { uri: "https://idp.example.com/me", queryParameter: "access_token", mappings: [mapping("firstName")] },
  ],
  subjectPath: "data.id",
  usedForSignerAuthentication: false,
  usedForUserAuthentication: true,
  enabled: false,
});

const schemaKeys = Object.keys(ZProviderInput.shape).sort();
const settingKeys = schemaKeys.filter((k) => k !== "clientSecret");
const keysOf = (o: object) => Object.keys(o).sort();

/** Each key of `value` differs from the schema's default (or, where there is none, is set). */
function expectNoDefault(value: Record<string, unknown>, schema: z.ZodObject, where: string) {
  const defaults: Record<string, unknown> = z.object(schema.shape).partial().parse({});
  expect(keysOf(value), where).toEqual(keysOf(schema.shape));
  for (const [key, v] of Object.entries(value)) {
    expect(v, `${where}.${key}`).toBeDefined();
    expect(v, `${where}.${key} is its default`).not.toEqual(defaults[key]);
  }
}

let handle: DbHandle;
beforeAll(async () => void (handle = await openTestDb()));
afterAll(() => handle.close());

describe("one list of provider fields: the schema's", () => {
  it("the fixture sets every field, nested ones included, to a value other than its default", () => {
    const p = everyField();
    expectNoDefault(p, ZProviderInput, "provider");
    expectNoDefault(p.jwt!, ZJwtConfig, "jwt");
    expectNoDefault(p.resourceUris[0]!, ZResourceUri, "resourceUris[0]");
    for (const m of [...p.jwt!.mappings, ...p.resourceUris[0]!.mappings]) expectNoDefault(m, ZMapping, "mapping");
  });

  it("the row mapper, the REST JSON (less its documented extras) and the form values have the schema's keys", async () => {
    const ctx = providerCtx(handle.db);
    const saved = await createProvider(ctx, everyField());
    const row = await findProviderRow(handle.db, saved.id);
    expect(keysOf(providerInputFromRow(row!))).toEqual(settingKeys);
    expect(keysOf(saved).filter((k) => !JSON_EXTRAS.includes(k))).toEqual(settingKeys);
    expect(keysOf(saved)).toEqual(expect.arrayContaining(JSON_EXTRAS));
    expect(keysOf(toFormValues(saved))).toEqual(schemaKeys);
  });

  it("a saved provider comes back into the editor with every value, the secret input empty", async () => {
    const ctx = providerCtx(handle.db);
    const input = everyField();
    const saved = await getProvider(ctx, (await createProvider(ctx, input)).id);
    expect(saved.clientSecretSet).toBe(true);
    expect(toFormValues(saved)).toStrictEqual({ ...ZProviderInput.parse(input), clientSecret: "" });
  });
});
