// The provider configuration the OAuth engine takes: its lists and the shapes of the JWT
// configuration, resource URIs and mappings. The provider schema (lib/identity-providers/schema.ts)
// validates input into exactly these types, and the provider row stores them.

/** Data fields a mapping can validate or update (seed 001, "Data Mapping"), with their labels and rules. */
export const DATA_FIELDS = {
  email: {
    label: "Recipient email address",
    updatable: false,
    help: "Validate only: an email address is never updated.",
  },
  firstName: {
    label: "Recipient first name",
    updatable: true,
    help: "Also the disposable certificate holder's first name.",
  },
  lastName: {
    label: "Recipient last name",
    updatable: true,
    help: "Also the disposable certificate holder's last name.",
  },
  phone: { label: "Recipient phonenumber", updatable: true, help: "International format, +xx or 00xx." },
  documentType: { label: "Disposable Certificate document type", updatable: true, help: "" },
  documentNumber: {
    label: "Disposable Certificate document number",
    updatable: true,
    help: "Alphanumeric; special characters allowed.",
  },
  documentIssuedOn: { label: "Disposable Certificate document issued on", updatable: true, help: "Must be a date." },
  documentIssuedBy: {
    label: "Disposable Certificate document issued by",
    updatable: true,
    help: "The issuing authority as written on the document.",
  },
  documentExpiryDate: {
    label: "Disposable Certificate document expiry date",
    updatable: true,
    help: "Must be a date.",
  },
  identificationIssuingCountry: { label: "Disposable Certificate Identification Country", updatable: true, help: "" },
  identificationType: { label: "Disposable Certificate Identification Type", updatable: true, help: "" },
  identificationNumber: {
    label: "Disposable Certificate Identification Number",
    updatable: true,
    help: "Alphanumeric; special characters allowed.",
  },
  certificatePhone: {
    label: "Disposable Certificate Phonenumber",
    updatable: true,
    help: "International format; takes priority over the recipient phone.",
  },
  documentIssuingCountry: { label: "Disposable Certificate document issuing country", updatable: true, help: "" },
  countryOfResidence: { label: "Disposable Certificate Country of Residence", updatable: true, help: "" },
  custom: {
    label: "Custom (the sender enters the expected value)",
    updatable: false,
    help: "Validate only, against the value the sender enters for this Field reference id.",
  },
} as const;

export type DataField = keyof typeof DATA_FIELDS;
export const DATA_FIELD_KEYS = Object.keys(DATA_FIELDS) as [DataField, ...DataField[]];

export const TOKEN_AUTH_METHODS = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "none",
] as const;
export type TokenAuthMethod = (typeof TOKEN_AUTH_METHODS)[number];

export const QUERY_PARAMETERS = ["oauth_token", "oauth2_access_token", "access_token", "bearer"] as const;
export type QueryParameter = (typeof QUERY_PARAMETERS)[number];

// Never "none", never a symmetric algorithm: an ID token is verified with the provider's public keys.
export const SIGNING_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];
export const DEFAULT_ALGORITHMS = ["RS256", "PS256", "ES256"] as const;

/** Where a claim's value is read (a claim path, lib/oauth/claim-path.ts) and what is done with it. */
export type Mapping = {
  path: string;
  mode: "validate" | "update";
  respectCase: boolean;
  field: DataField;
  customFieldId?: string | null;
};

/** A resource URI called with the access token, and the mappings applied to its answer. */
export type ResourceUri = { uri: string; queryParameter: QueryParameter; mappings: Mapping[] };

/** How ID tokens (and logout tokens) are validated, and the mappings applied to their claims. */
export type JwtConfig = {
  jwksUri: string;
  issuer: string;
  addNonce: boolean;
  validateAudience: boolean;
  validateIssuer: boolean;
  validateLifetime: boolean;
  clockSkewSeconds: number;
  allowedAlgorithms: SigningAlgorithm[];
  mappings: Mapping[];
};
