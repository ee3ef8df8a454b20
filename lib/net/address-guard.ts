import { promises as dns } from "node:dns";
import { classifyAddress } from "./address-ranges";
import { formatIp } from "./ip-address";
import { canonicalHost, isTrustedHost, type TrustedHost } from "./trusted-hosts";

// Security rule (TESTING 36): every admin-entered or discovered URI, and every call to an
// identity provider, passes here first. Loopback, private, link-local and metadata addresses,
// in any spelling and after DNS resolution, are refused unless the host is trusted. The
// addresses returned are the ones that were checked; the caller must connect to those only.

export { classifyAddress } from "./address-ranges";

export type Resolver = (hostname: string) => Promise<string[]>;

export type GuardOptions = { trustedHosts: TrustedHost[]; resolve?: Resolver };

export type GuardDecision =
  | { ok: true; url: URL; trusted: boolean; addresses: string[] }
  | { ok: false; code: "address_not_allowed"; reason: string };

/** Raised when a host name cannot be resolved: a network failure, not a refusal. */
export class ResolveError extends Error {
  constructor(
    readonly hostname: string,
    readonly causeCode: string | undefined,
  ) {
    super(`Could not resolve ${hostname}${causeCode ? ` (${causeCode})` : ""}`);
    this.name = "ResolveError";
  }
}

// verbatim: keep the resolver's order (no IPv4-first reordering) so pinning tries what DNS said.
export const resolveWithDns: Resolver = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

const refuse = (reason: string): GuardDecision => ({ ok: false, code: "address_not_allowed", reason });

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

async function resolveChecked(hostname: string, resolve: Resolver): Promise<string[]> {
  let answers: string[];
  try {
    answers = await resolve(hostname);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new ResolveError(hostname, typeof code === "string" ? code : undefined);
  }
  if (answers.length === 0) throw new ResolveError(hostname, "no addresses");
  return answers;
}

/**
 * Decides whether an outbound call to `raw` may be made and to which addresses. Refusals
 * carry a sentence an admin can act on. Rejects with ResolveError when DNS has no answer.
 */
export async function checkOutboundUrl(raw: string, opts: GuardOptions): Promise<GuardDecision> {
  const url = parseUrl(raw);
  if (!url) return refuse("the URL is not valid");
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return refuse(`only https:// URLs are allowed (http:// for trusted hosts), not ${url.protocol}//`);
  // Credentials in a URL end up in logs and Referer headers, and hide the real host from readers.
  if (url.username || url.password) return refuse("URLs with credentials are not allowed");
  const trusted = isTrustedHost(url, opts.trustedHosts);
  if (url.protocol === "http:" && !trusted) return refuse("http:// is allowed only for trusted hosts");

  // WHATWG parsing already turned every numeric spelling into the address it means.
  const literal = formatIp(url.hostname);
  // The name as written (trailing dot included) is what DNS is asked, so search domains apply alike.
  const host = url.hostname;
  const name = canonicalHost(host);
  if (!trusted && !literal && (name === "localhost" || name.endsWith(".localhost"))) {
    return refuse("localhost is not allowed unless it is a trusted host");
  }
  const answers = literal ? [literal] : await resolveChecked(host, opts.resolve ?? resolveWithDns);

  const addresses: string[] = [];
  for (const answer of answers) {
    const address = formatIp(answer);
    if (!address) return refuse(`${host} resolved to "${answer}", which is not an IP address`);
    // Trusted hosts skip the range check (an IdP on a private network is why the list exists).
    const range = trusted ? null : classifyAddress(address);
    if (range)
      return refuse(literal ? `the address ${address} is ${range}` : `the address ${address} of ${host} is ${range}`);
    if (!addresses.includes(address)) addresses.push(address);
  }
  return { ok: true, url, trusted, addresses };
}
