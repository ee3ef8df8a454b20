import type { z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import type { IdentityProviderRow } from "@/db/schema";
import type { JwtConfig, Mapping, ResourceUri } from "@/lib/oauth/provider-config";
import type { ZJwtConfig, ZMapping, ZResourceUri } from "./schema";

// One shape per setting: the engine declares it (lib/oauth/provider-config.ts), the provider
// schema parses into it and the provider row stores it (stored-columns.ts). These are compile-time
// checks: `npm run typecheck` fails when a field is added, dropped or retyped on one side only.
describe("the provider configuration has one shape", () => {
  it("the schema parses into exactly the engine's types", () => {
    expectTypeOf<z.output<typeof ZMapping>>().toEqualTypeOf<Mapping>();
    expectTypeOf<z.output<typeof ZResourceUri>>().toEqualTypeOf<ResourceUri>();
    expectTypeOf<z.output<typeof ZJwtConfig>>().toEqualTypeOf<JwtConfig>();
  });

  it("the provider row stores exactly the engine's types", () => {
    expectTypeOf<IdentityProviderRow["jwt"]>().toEqualTypeOf<JwtConfig | null>();
    expectTypeOf<IdentityProviderRow["resourceUris"]>().toEqualTypeOf<ResourceUri[]>();
  });
});
