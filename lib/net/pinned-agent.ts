import { isIP, type LookupFunction } from "node:net";
import { Agent } from "undici";
import { canonicalHost } from "./trusted-hosts";

// DNS pinning: the guard resolved and checked a host's addresses; the connection must go to
// those and nothing else, or a DNS answer that changes between check and connect (rebinding)
// would reach an address that was never checked. Each agent answers lookups for one host with
// one checked address set, and refuses any other name.

const MAX_AGENTS = 16;
const agents = new Map<string, Agent>();

function familyOf(family: number | "IPv4" | "IPv6" | undefined): 0 | 4 | 6 {
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return 0;
}

function pinnedLookup(hostname: string, addresses: string[]): LookupFunction {
  const pinned = canonicalHost(hostname);
  const entries = addresses.map((address) => ({ address, family: isIP(address.replace(/%.*$/, "")) }));
  return (name, options, callback) => {
    const family = familyOf(options.family);
    const usable = canonicalHost(name) === pinned ? entries.filter((e) => family === 0 || e.family === family) : [];
    const first = usable[0];
    if (!first) {
      const err: NodeJS.ErrnoException = new Error(`${name} has no checked address`);
      err.code = "ENOTFOUND";
      callback(err, "", 0);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/**
 * An undici Agent whose connections to `hostname` go only to `addresses`. The URL keeps its
 * host name, so the Host header and TLS SNI/certificate check still use it. Agents are
 * reused per (host, address set), so repeated calls to one provider share keep-alive
 * sockets; undici unrefs idle sockets, and the oldest agent is closed past MAX_AGENTS.
 */
export function pinnedAgent(hostname: string, addresses: string[]): Agent {
  const key = `${canonicalHost(hostname)} ${addresses.join(",")}`;
  const cached = agents.get(key);
  if (cached) {
    agents.delete(key); // re-insert: Map order doubles as least-recently-used order
    agents.set(key, cached);
    return cached;
  }
  const agent = new Agent({ connect: { lookup: pinnedLookup(hostname, addresses) }, keepAliveTimeout: 4_000 });
  agents.set(key, agent);
  for (const [oldKey, old] of agents) {
    if (agents.size <= MAX_AGENTS) break;
    agents.delete(oldKey);
    void old.close().catch(() => undefined); // close() lets in-flight requests finish
  }
  return agent;
}

/** Closes every pooled connection (tests, graceful shutdown). */
export async function closePinnedAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((a) => a.close().catch(() => undefined)));
}
