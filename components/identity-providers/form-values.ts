import { z } from "zod";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { pickProviderSettings } from "@/lib/identity-providers/provider-settings";
import {
  ZJwtConfig,
  ZProviderInput,
  ZResourceUri,
  type TMapping,
  type TProviderInput,
} from "@/lib/identity-providers/schema";

// The editor's values are the API's input type. Defaults come from the schema's own
// .default()s (parsed without the cross-field refinements), so they cannot drift from it.

export type ProviderFormValues = TProviderInput;
export type JwtFormValues = NonNullable<TProviderInput["jwt"]>;
export type ResourceUriFormValues = NonNullable<TProviderInput["resourceUris"]>[number];

const schemaDefaults = () => z.object(ZProviderInput.shape).partial().parse({});

export const newJwtConfig = (): JwtFormValues => ({ jwksUri: "", issuer: "", ...ZJwtConfig.partial().parse({}) });

export const newResourceUri = (): ResourceUriFormValues => ({ uri: "", ...ZResourceUri.partial().parse({}) });

export const newMapping = (): TMapping => ({
  path: "",
  mode: "validate",
  respectCase: false,
  field: "email",
  customFieldId: "",
});

export const newProviderValues = (): ProviderFormValues => ({
  name: "",
  clientId: "",
  clientSecret: "",
  authorizationUri: "",
  tokenUri: "",
  logoutUri: "",
  userinfoUri: "",
  ...schemaDefaults(),
});

// Inputs hold strings, never null: otherwise an untouched field would count as changed.
const mappings = (list: TMapping[] | undefined): TMapping[] =>
  (list ?? []).map((m) => ({ ...m, respectCase: m.respectCase ?? false, customFieldId: m.customFieldId ?? "" }));

const normalise = (values: Partial<ProviderFormValues>): Partial<ProviderFormValues> => ({
  ...values,
  ...("logoutUri" in values ? { logoutUri: values.logoutUri ?? "" } : {}),
  ...("userinfoUri" in values ? { userinfoUri: values.userinfoUri ?? "" } : {}),
  ...(values.jwt ? { jwt: { ...newJwtConfig(), ...values.jwt, mappings: mappings(values.jwt.mappings) } } : {}),
  ...(values.resourceUris
    ? { resourceUris: values.resourceUris.map((r) => ({ ...newResourceUri(), ...r, mappings: mappings(r.mappings) })) }
    : {}),
});

/** A saved provider as form values (every setting the schema lists); the secret input always starts empty (empty = unchanged). */
export function toFormValues(p: ProviderJson): ProviderFormValues {
  const values: ProviderFormValues = { ...pickProviderSettings(p), clientSecret: "" };
  return { ...values, ...normalise(values) };
}

/** Create from discovery: schema defaults, what the admin already typed that discovery cannot know, then the discovered settings. */
export function mergeDiscovered(
  current: ProviderFormValues,
  discovered: Partial<ProviderFormValues>,
): ProviderFormValues {
  return {
    ...newProviderValues(),
    name: current.name,
    clientId: current.clientId,
    clientSecret: current.clientSecret,
    ...normalise(discovered),
  };
}
