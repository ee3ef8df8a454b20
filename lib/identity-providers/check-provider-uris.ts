import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/errors";
import { classifyAddress } from "@/lib/net/address-guard";
import { isTrustedHost, parseTrustedHosts } from "@/lib/net/trusted-hosts";
import type { ProviderInput } from "./schema";

// Saving never fetches: here only what the URL itself says is checked (scheme, IP literals,
// localhost names). Host names are resolved and checked again, pinned, on every real call.

function literalRefusal(raw: string, trusted: ReturnType<typeof parseTrustedHosts>): string | null {
  const url = new URL(raw);
  if (isTrustedHost(url, trusted)) return null;
  if (url.protocol !== "https:") return `${raw}: http:// is allowed only for trusted hosts (TRUSTED_HOSTS)`;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost"))
    return `${raw}: localhost is not allowed unless it is a trusted host`;
  if (ipaddr.isValid(host)) {
    const range = classifyAddress(host);
    if (range)
      return `${raw}: the address ${host} is ${range}; add it to TRUSTED_HOSTS if this provider really lives there`;
  }
  return null;
}

export function assertProviderUrisAllowed(
  input: Pick<ProviderInput, "authorizationUri" | "tokenUri" | "logoutUri" | "jwt" | "resourceUris">,
  trustedHosts: string[],
): void {
  const trusted = parseTrustedHosts(trustedHosts);
  const uris: [string, string | null | undefined][] = [
    ["$.authorizationUri", input.authorizationUri],
    ["$.tokenUri", input.tokenUri],
    ["$.logoutUri", input.logoutUri],
    ["$.jwt.jwksUri", input.jwt?.jwksUri],
    ...input.resourceUris.map((r, i): [string, string] => [`$.resourceUris[${i}].uri`, r.uri]),
  ];
  const problems = uris.flatMap(([path, raw]) => {
    const message = raw ? literalRefusal(raw, trusted) : null;
    return message ? [{ path, message }] : [];
  });
  if (problems.length) throw new AppError("address_not_allowed", problems[0]!.message, problems);
}
