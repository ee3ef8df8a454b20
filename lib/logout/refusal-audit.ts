import type { Db, Tx } from "@/db/client";
import { auditCappedRefusal, flushCappedRefusals, type CappedRefusal } from "@/lib/audit/capped-refusals";
import type { Ctx } from "@/lib/context";

export { flushEndedRefusalWindows, REFUSED_AUDIT_PER_MINUTE } from "@/lib/audit/capped-refusals";

/**
 * A provider's id is public (it is in the Logon URL and the back-channel URL), so anyone can post
 * garbage to its back-channel endpoint. Each refusal is audited within the per-minute cap of
 * lib/audit/capped-refusals.ts; the HTTP answer does not change: still 400.
 */
type Provider = { id: string; name: string };
const SYSTEM = { kind: "system" as const };

export const backchannelRefusalKey = (providerId: string) => `backchannel:${providerId}`;

const refusalOf = (provider: Provider, reason: string): CappedRefusal => {
  const base = { providerId: provider.id, actorLabel: `provider ${provider.name}` };
  return {
    key: backchannelRefusalKey(provider.id),
    refused: { action: "BackchannelLogoutRefused", ...base, data: { providerName: provider.name, reason } },
    summary: {
      action: "BackchannelLogoutRefusedMore",
      ...base,
      data: { providerName: provider.name },
    } as CappedRefusal["summary"],
  };
};

/** Audits one refused back-channel logout of a real provider, within the per-minute cap. */
export async function auditRefusal(
  db: Db | Tx,
  ctx: Pick<Ctx, "ip">,
  provider: Provider,
  reason: string,
): Promise<{ recorded: boolean }> {
  return auditCappedRefusal(db, { actor: SYSTEM, ip: ctx.ip }, refusalOf(provider, reason), reason);
}

/** Inside an accepted logout's transaction, before its own row: the refusals counted so far are summed up first. */
export async function flushRefusals(tx: Tx, provider: Provider): Promise<void> {
  await flushCappedRefusals(tx, backchannelRefusalKey(provider.id));
}
