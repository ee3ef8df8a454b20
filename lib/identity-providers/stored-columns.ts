// The JSON a provider row stores is the engine's configuration: this declares it to the schema
// (db/schema/identity-providers.ts), which cannot import lib/. Types only; nothing runs here.
import type { JwtConfig, ResourceUri } from "@/lib/oauth/provider-config";

declare module "@/db/schema/identity-providers" {
  interface ProviderJsonColumns {
    jwt: JwtConfig;
    resourceUris: ResourceUri[];
  }
}
