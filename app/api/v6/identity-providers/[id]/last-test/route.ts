// GET /api/v6/identity-providers/<id>/last-test: the data the last Test connection received (for the mapping preview)
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { lastTestData } from "@/lib/flows/last-test-data";
import { getProvider } from "@/lib/identity-providers/get-provider";
import { route } from "@/lib/http/route";

export const GET = route(
  { auth: "user", permission: "configure_identity_providers", params: z.object({ id: z.string() }) },
  async ({ ctx, params }) => {
    const provider = await getProvider(ctx, params.id);
    const data = await lastTestData(ctx.db, provider.id);
    if (!data) throw new AppError("not_found", "No Test connection has completed for this provider yet");
    return data;
  },
);
