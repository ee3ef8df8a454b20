import type { TrustedHost } from "@/lib/net/trusted-hosts";
import type { DataField, JwtConfig, Mapping, ResourceUri, TokenAuthMethod } from "./provider-config";

// The engine's vocabulary. lib/oauth knows nothing of HTTP requests of this app, React or the
// database: it takes a provider configuration and returns a result or a FlowError.

/** A provider as the engine needs it: secrets already opened by the caller (never logged). */
export type EngineProvider = {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string | null;
  tokenEndpointAuthMethod: TokenAuthMethod;
  /** For private_key_jwt: the app's active private key for this provider. */
  signingKey: { kid: string; alg: string; key: CryptoKey } | null;
  pkce: boolean;
  scope: string;
  authorizationUri: string;
  tokenUri: string;
  jwt: JwtConfig | null;
  resourceUris: ResourceUri[];
  subjectPath: string;
  /** From discovery, when known: the userinfo endpoint (OIDC Core 5.3.2 sub check). */
  userinfoEndpoint: string | null;
};

export type FlowStep =
  "authorization" | "callback" | "token" | "id_token" | "jwks" | "resource" | "mapping" | "subject";

/** A typed failure: the person sees a generic message; the audit trail and the admin's test report see step and reason. */
export class FlowError extends Error {
  constructor(
    readonly step: FlowStep,
    readonly reason: string,
    readonly hint?: string,
  ) {
    super(`${step}: ${reason}`);
    this.name = "FlowError";
  }
}

/** Outbound calls: through lib/net's guard, with these limits. */
export type OutboundOptions = { trustedHosts: TrustedHost[]; timeoutMs?: number; maxBytes?: number };

/** One line of the step-by-step report (Test connection); never holds a token or secret. */
export type ReportStep = { step: FlowStep; title: string; ok: boolean; details: Record<string, unknown> };

/** What the token endpoint answered, without the tokens themselves. */
export type TokenSummary = {
  tokenType: string;
  expiresIn: number | null;
  scope: string | null;
  received: ("access_token" | "id_token" | "refresh_token")[];
};

export type ResourceResult = {
  uri: string;
  queryParameter: string;
  status: number;
  fallbackUsed: boolean;
  data: unknown;
};

/** Expected values for Validate mappings: the recipient's fields and the sender's custom values. */
export type MappingContext = {
  recipient: Partial<Record<Exclude<DataField, "custom">, string | null>>;
  custom: Record<string, string>;
  /** The seed's SkipExternalDataValidation: Validate mappings are skipped (Update mappings still apply). */
  skipValidate?: boolean;
};

export type MappingOutcome = {
  source: "jwt" | string;
  mapping: Mapping;
  found: boolean;
  value: unknown;
  outcome: "valid" | "invalid" | "update" | "skipped" | "shown";
  reason?: string;
  /** Only with outcome "shown" (Test connection, preview): what the real flow would do with this value. */
  would?: MappingWould;
};

/** Refuse the person, compare with the recipient (Validate), set the recipient's field (Update) or skip. */
export type MappingWould = "refuse" | "compare" | "set" | "skip";
