import type { IdentityProviderRow } from "@/db/schema";
import type { TokenAuthMethod } from "@/lib/oauth/provider-config";
import { ZProviderInput, type ProviderInput } from "./schema";

// One list of a provider's fields: the input schema's. The stored row, the REST JSON and the
// editor's form values carry them all; the client secret is write-only and never among them.

/** A field of the provider schema that is stored and shown (every one but the write-only secret). */
export type ProviderSettingKey = Exclude<keyof ProviderInput, "clientSecret">;

/** Every stored setting, none optional: a mapper or a type that leaves one out does not compile. */
export type ProviderSettings = { [K in ProviderSettingKey]-?: Exclude<ProviderInput[K], undefined> };

/** The schema's keys, in its order, without the secret. */
export const PROVIDER_SETTING_KEYS = Object.keys(ZProviderInput.shape).filter(
  (key): key is ProviderSettingKey => key !== "clientSecret",
);

/** The settings of anything that carries them all (the row, the JSON), in the schema's order, and nothing else. */
export const pickProviderSettings = (source: ProviderSettings): ProviderSettings =>
  Object.fromEntries(PROVIDER_SETTING_KEYS.map((key) => [key, source[key]])) as ProviderSettings;

/** The stored row in the input's shape: to compare with an update, to duplicate, to show. */
export const providerInputFromRow = (row: IdentityProviderRow): ProviderSettings =>
  pickProviderSettings({ ...row, tokenEndpointAuthMethod: row.tokenEndpointAuthMethod as TokenAuthMethod });
