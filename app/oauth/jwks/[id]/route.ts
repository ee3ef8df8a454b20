// GET /oauth/jwks/<provider id>: the app's public keys for private_key_jwt at this provider (public, for the IdP)
import { getDb } from "@/db";
import { findProviderRow } from "@/lib/identity-providers/get-provider";
import { publicJwks } from "@/lib/identity-providers/provider-keys";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const db = await getDb();
  const row = await findProviderRow(db, (await params).id);
  if (!row || row.tokenEndpointAuthMethod !== "private_key_jwt") return Response.json({ error: { code: "not_found", message: "No such key set" } }, { status: 404 });
  return Response.json(await publicJwks(db, row.id), { headers: { "cache-control": "public, max-age=300" } });
}
