import { readClaim } from "./claim-path";
import { IdTokenError, validateIdToken } from "./id-token";
import type { JwksCache } from "./jwks-cache";
import { evaluateMappings, mappingFailures } from "./mappings";
import { callResourceUris } from "./resources";
import { exchangeCode } from "./token-request";
import {
  FlowError,
  type EngineProvider,
  type MappingContext,
  type MappingOutcome,
  type OutboundOptions,
  type ReportStep,
  type ResourceResult,
} from "./types";

export type FlowEnv = {
  redirectUri: string;
  out: OutboundOptions;
  jwks: JwksCache;
  mappingContext: MappingContext | null;
};
export type FlowExpectations = { nonce: string; codeVerifier: string };

export type FlowIdentity = {
  subject: string;
  claims: Record<string, unknown> | null;
  resources: ResourceResult[];
  mappings: MappingOutcome[];
};
/**
 * `idToken` is the raw, validated ID token (null without a JWT configuration): login keeps it
 * sealed for RP-initiated logout's id_token_hint. It is a credential: never store, log, audit
 * or show it as is.
 */
export type FlowOutcome =
  | ({ ok: true } & FlowIdentity & { idToken: string | null; report: ReportStep[] })
  | { ok: false; error: FlowError; report: ReportStep[] };

const cap = (s: string | null, n = 300) => (s === null ? null : s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * The callback's work after the transaction is consumed: the IdP's answer, the token call, the
 * ID token, each resource URI, the subject and every mapping. Each step lands in the report
 * (never a token or secret); the first failure ends the flow as a FlowError naming its step.
 */
export async function runFlow(
  provider: EngineProvider,
  params: URLSearchParams,
  expected: FlowExpectations,
  env: FlowEnv,
): Promise<FlowOutcome> {
  const report: ReportStep[] = [];
  const add = (step: ReportStep["step"], title: string, ok: boolean, details: Record<string, unknown>) =>
    report.push({ step, title, ok, details });
  try {
    const error = params.get("error");
    if (error) {
      const description = cap(params.get("error_description"));
      add("authorization", "The provider answered with an error", false, { error: cap(error, 100), description });
      throw new FlowError(
        "authorization",
        `the provider answered '${cap(error, 100)}'${description ? `: ${description}` : ""}`,
        "Check the client id, the redirect URI registered at the provider and the scope.",
      );
    }
    const iss = params.get("iss");
    // RFC 9207: an iss in the authorization response must be the issuer we talk to.
    if (iss !== null && provider.jwt && iss !== provider.jwt.issuer) {
      add("authorization", "Authorization response", false, { iss });
      throw new FlowError(
        "authorization",
        `the authorization response names issuer '${cap(iss, 200)}', not the configured '${provider.jwt.issuer}' (possible mix-up)`,
        "If this is the right provider, set the Issuer of the JWT configuration to the value the provider names.",
      );
    }
    const code = params.get("code");
    if (!code) throw new FlowError("authorization", "the provider sent no authorization code");
    add("authorization", "Authorization response", true, { codeReceived: true, ...(iss ? { iss } : {}) });

    const tokens = await exchangeCode(
      provider,
      { code, redirectUri: env.redirectUri, codeVerifier: provider.pkce ? expected.codeVerifier : null },
      env.out,
    );
    add("token", "Token endpoint", true, {
      tokenUri: provider.tokenUri,
      clientAuthentication: provider.tokenEndpointAuthMethod,
      ...tokens.summary,
    });

    let claims: Record<string, unknown> | null = null;
    if (provider.jwt) {
      if (!tokens.idToken)
        throw new FlowError(
          "id_token",
          "the token endpoint returned no id_token",
          "Add the 'openid' scope; some providers only send an ID token with it.",
        );
      try {
        const validated = await validateIdToken(tokens.idToken, provider.jwt, {
          clientId: provider.clientId,
          expectedNonce: provider.jwt.addNonce ? expected.nonce : null,
          jwks: env.jwks,
        });
        claims = validated.claims;
        add("id_token", "ID token (JWT)", true, {
          header: validated.header,
          claims: validated.claims,
          checks: validated.checks,
        });
      } catch (err) {
        if (err instanceof IdTokenError) add("id_token", "ID token (JWT)", false, { checks: err.checks });
        throw err;
      }
    }

    const resources = await callResourceUris(provider.resourceUris, tokens, env.out, {
      idTokenSub: typeof claims?.sub === "string" ? claims.sub : null,
      userinfoEndpoint: provider.userinfoEndpoint,
    });
    for (const r of resources)
      add("resource", `Resource URI ${r.uri}`, true, {
        status: r.status,
        queryParameter: r.queryParameter,
        fallbackUsed: r.fallbackUsed,
        data: r.data,
      });

    const subjectSource = claims ?? resources[0]?.data ?? null;
    const subject = subjectSource === null ? null : readClaim(subjectSource, provider.subjectPath);
    if (
      !subject?.found ||
      (typeof subject.value !== "string" && typeof subject.value !== "number") ||
      String(subject.value) === ""
    ) {
      throw new FlowError(
        "subject",
        `no subject at '${provider.subjectPath}' in the ${claims ? "ID token" : "first resource URI's answer"}`,
        "Set the Subject path to the claim that identifies the person (usually sub).",
      );
    }
    add("subject", "Subject", true, { path: provider.subjectPath, subject: String(subject.value) });

    const mappings = evaluateMappings(
      { claims, resources: resources.map((r) => ({ uri: r.uri, data: r.data })) },
      provider,
      env.mappingContext,
    );
    const failures = mappingFailures(mappings);
    add("mapping", "Field mappings", failures.length === 0, {
      outcomes: mappings.map((m) => ({
        source: m.source,
        path: m.mapping.path,
        field: m.mapping.field,
        mode: m.mapping.mode,
        found: m.found,
        value: m.value,
        outcome: m.outcome,
        reason: m.reason ?? null,
        would: m.would ?? null,
      })),
    });
    if (failures.length)
      throw new FlowError(
        "mapping",
        failures.map((f) => `${f.mapping.path} → ${f.mapping.field}: ${f.reason ?? "invalid"}`).join("; "),
      );

    return {
      ok: true,
      subject: String(subject.value),
      claims,
      resources,
      mappings,
      idToken: claims ? (tokens.idToken ?? null) : null,
      report,
    };
  } catch (err) {
    const error =
      err instanceof FlowError ? err : new FlowError("callback", "unexpected error while completing the sign-in");
    if (!report.some((r) => !r.ok))
      report.push({
        step: error.step,
        title: "Failed",
        ok: false,
        details: { reason: error.reason, hint: error.hint ?? null },
      });
    if (!(err instanceof FlowError))
      console.error("[oauth] unexpected error in runFlow:", err instanceof Error ? err.name : typeof err);
    return { ok: false, error, report };
  }
}
