import { z } from "zod";
import "@/lib/validation/zod-setup";
import { parseClaimPath } from "@/lib/oauth/claim-path";
import {
  DATA_FIELD_KEYS,
  DATA_FIELDS,
  DEFAULT_ALGORITHMS,
  QUERY_PARAMETERS,
  SIGNING_ALGORITHMS,
  TOKEN_AUTH_METHODS,
} from "@/lib/oauth/provider-config";

// Pure zod: the provider editor's form and the REST handlers parse with these same schemas. The
// JWT configuration, resource URIs and mappings parse into the engine's types (lib/oauth/provider-config.ts),
// exactly: engine-types.test.ts holds them equal.

const claimPath = z
  .string()
  .trim()
  .min(1, "Enter a field property path")
  .superRefine((path, ctx) => {
    const parsed = parseClaimPath(path);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
  });

/** An absolute http(s) URL without credentials; the address guard decides the rest on the server. */
export const ZUri = z
  .string()
  .trim()
  .min(1, "Enter a URL")
  .max(2000)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return ctx.addIssue({ code: "custom", message: "Enter an absolute URL, e.g. https://idp.example.com/authorize" });
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      ctx.addIssue({ code: "custom", message: "Only https:// URLs (http:// for trusted hosts)" });
    if (url.username || url.password)
      ctx.addIssue({ code: "custom", message: "A URL must not carry a user name or password" });
  });

const optionalUri = z
  .union([z.literal(""), ZUri])
  .nullish()
  .transform((v) => (v ? v : null));

export const ZMapping = z
  .object({
    path: claimPath,
    mode: z.enum(["validate", "update"]),
    respectCase: z.boolean().default(false),
    field: z.enum(DATA_FIELD_KEYS),
    customFieldId: z.string().trim().max(100).optional().nullable(),
  })
  .superRefine((m, ctx) => {
    if (m.field === "custom" && !m.customFieldId)
      ctx.addIssue({
        code: "custom",
        path: ["customFieldId"],
        message: "Enter the Field reference id of the custom field",
      });
    if (m.mode === "update" && !DATA_FIELDS[m.field].updatable) {
      ctx.addIssue({
        code: "custom",
        path: ["mode"],
        message:
          m.field === "email"
            ? "The email address can only be validated, never updated"
            : "Only predefined fields can be updated",
      });
    }
  });
export type TMapping = z.input<typeof ZMapping>;

export const ZResourceUri = z.object({
  uri: ZUri,
  queryParameter: z.enum(QUERY_PARAMETERS).default("bearer"),
  mappings: z.array(ZMapping).max(50).default([]),
});

export const ZJwtConfig = z.object({
  jwksUri: ZUri,
  issuer: z.string().trim().min(1, "Enter the issuer (the iss of the provider's tokens)").max(2000),
  // Safe by default: every check on (the seed's product starts with them off).
  addNonce: z.boolean().default(true),
  validateAudience: z.boolean().default(true),
  validateIssuer: z.boolean().default(true),
  validateLifetime: z.boolean().default(true),
  clockSkewSeconds: z.coerce.number().int("Whole seconds").min(0).max(600, "At most 600 seconds").default(60),
  allowedAlgorithms: z
    .array(z.enum(SIGNING_ALGORITHMS))
    .min(1, "Allow at least one signing algorithm")
    .default([...DEFAULT_ALGORITHMS]),
  mappings: z.array(ZMapping).max(50).default([]),
});

export const ZProviderInput = z
  .object({
    name: z.string().trim().min(1, "Enter a provider name").max(100, "At most 100 characters"),
    clientId: z.string().trim().min(1, "Enter the client id").max(500),
    // Write-only. Absent or empty on update = unchanged.
    clientSecret: z.string().max(4000).optional().nullable(),
    scope: z.string().trim().max(1000).default("openid email profile"),
    authorizationUri: ZUri,
    tokenUri: ZUri,
    logoutUri: optionalUri,
    // Extension (issue 13): the userinfo endpoint discovery named, so the sub of its answer is
    // checked against the ID token's (OIDC Core 5.3.2). Read-only in the editor, filled by
    // discovery; absent on update = unchanged, null or "" = none.
    userinfoUri: z
      .union([z.literal(""), ZUri])
      .nullish()
      .transform((v) => (v === undefined ? undefined : v || null)),
    tokenEndpointAuthMethod: z.enum(TOKEN_AUTH_METHODS).default("client_secret_basic"),
    pkce: z.boolean().default(true),
    jwt: ZJwtConfig.nullable().default(null),
    resourceUris: z.array(ZResourceUri).max(20).default([]),
    subjectPath: claimPath.default("sub"),
    usedForSignerAuthentication: z.boolean().default(true),
    usedForUserAuthentication: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    if (!p.jwt && p.resourceUris.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["resourceUris"],
        message: "Configure the JWT, a resource URI, or both: the identity has to come from somewhere",
      });
    }
    if (p.tokenEndpointAuthMethod === "none" && !p.pkce) {
      ctx.addIssue({
        code: "custom",
        path: ["pkce"],
        message: "A public client (no client authentication) must use PKCE",
      });
    }
  });
export type TProviderInput = z.input<typeof ZProviderInput>;
export type ProviderInput = z.output<typeof ZProviderInput>;

/** PATCH /api/v6/identity-providers/<id>: enable or disable only. */
export const ZSetProviderEnabled = z.object({ enabled: z.boolean() });

/** POST /api/v6/identity-providers/discovery: a well-known configuration to load from a URL, or pasted. */
export const ZDiscoveryRequest = z.union([
  z.object({ url: z.string().url("Enter the URL of a .well-known/openid-configuration document") }),
  z.object({ document: z.record(z.string(), z.unknown()) }),
]);
