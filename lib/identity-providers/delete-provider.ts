import { eq } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { AppError } from "@/lib/errors";
import type { ProviderCtx } from "./context";
import { findProviderRow } from "./get-provider";

export async function deleteProvider(ctx: ProviderCtx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await findProviderRow(tx, id, { forUpdate: true });
    if (!row) throw new AppError("not_found", "No identity provider with this id");
    await tx.delete(identityProviders).where(eq(identityProviders.id, id));
    await emitAudit(tx, ctx, { action: "ProviderDeleted", providerId: id, data: { name: row.name } });
  });
}
