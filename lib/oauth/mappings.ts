import { evaluateClaimPath, parseClaimPath } from "./claim-path";
import { emailMarkedUnverified, UNVERIFIED_EMAIL } from "./email-key";
import { DATA_FIELDS, type Mapping, type ResourceUri } from "./provider-config";
import { isUpdatable, normalizeText, sameFieldValue, toUpdateValue, type UpdatableField } from "./recipient-values";
import type { MappingContext, MappingOutcome } from "./types";

// Field mappings (seed 001 "Data Mapping") on the ID token's claims and on each resource URI's
// JSON. Validate compares with what the sender expects; Update proposes new recipient data.
// Nothing here fails the flow by itself: the caller refuses the authentication when
// mappingFailures() is not empty, and applies proposedUpdates() to every recipient of the
// envelope with the same email address.

export {
  checkFilters,
  FILTER_OPERATIONS,
  type FilterCheck,
  type FilterOperation,
  type FilterResult,
  type IdentityFacts,
  type RecipientFilter,
} from "./recipient-filters";

export type MappingSources = { claims: Record<string, unknown> | null; resources: { uri: string; data: unknown }[] };
export type MappingProvider = { jwt: { mappings: Mapping[] } | null; resourceUris: ResourceUri[] };

type Lookup = { found: true; value: unknown } | { found: false; value: undefined; reason: string };
type Scalar = string | number | boolean;

const label = (m: Mapping) =>
  m.field === "custom" ? `custom field '${m.customFieldId ?? ""}'` : DATA_FIELDS[m.field].label.toLowerCase();

function describeValue(value: unknown): string | null {
  if (value === null) return "is null";
  if (Array.isArray(value)) return "is a list, not a single value";
  if (typeof value === "object") return "is an object, not a single value";
  if (typeof value === "number" && !Number.isFinite(value)) return "is not a finite number";
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? null
    : `is a ${typeof value}`;
}

function lookup(document: unknown, unavailable: string | null, path: string): Lookup | { invalidPath: string } {
  const parsed = parseClaimPath(path);
  if (!parsed.ok) return { invalidPath: `invalid field property path ${JSON.stringify(path)}: ${parsed.message}` };
  if (unavailable) return { found: false, value: undefined, reason: unavailable };
  const result = evaluateClaimPath(document, parsed.segments);
  return result.found
    ? { found: true, value: result.value }
    : { found: false, value: undefined, reason: `no value at ${result.at}` };
}

function expectedValue(m: Mapping, context: MappingContext): string | null {
  const raw =
    m.field === "custom"
      ? m.customFieldId != null && Object.hasOwn(context.custom, m.customFieldId)
        ? context.custom[m.customFieldId]
        : null
      : context.recipient[m.field];
  return raw != null && normalizeText(raw) !== "" ? raw : null;
}

// An email Validate mapping holds only for an address the IdP does not disown: a document that
// says email_verified false vouches for no email in it.
const unverifiedEmail = (m: Mapping, document: unknown) => m.field === "email" && emailMarkedUnverified(document);

function validate(
  source: string,
  m: Mapping,
  found: Lookup & { found: true },
  context: MappingContext,
  document: unknown,
): MappingOutcome {
  const base = { source, mapping: m, found: true, value: found.value };
  const problem = describeValue(found.value);
  if (problem) return { ...base, outcome: "invalid", reason: `the value at ${m.path} ${problem}` };
  if (unverifiedEmail(m, document))
    return { ...base, outcome: "invalid", reason: `the value at ${m.path}: ${UNVERIFIED_EMAIL}` };
  const expected = expectedValue(m, context);
  if (expected === null)
    return { ...base, outcome: "invalid", reason: `there is no expected value for the ${label(m)} to compare with` };
  const how = m.field === "email" ? "ignoring ASCII case only" : m.respectCase ? "respecting case" : "ignoring case";
  return sameFieldValue(m.field, String(found.value as Scalar), expected, m.respectCase)
    ? { ...base, outcome: "valid" }
    : {
        ...base,
        outcome: "invalid",
        reason: `the value at ${m.path} does not match the ${label(m)} (compared ${how})`,
      };
}

function update(source: string, m: Mapping, found: Lookup): MappingOutcome {
  const base = { source, mapping: m, found: found.found, value: found.value };
  // Defence in depth: the schema already refuses these, a stored or hand-made config might not.
  if (!isUpdatable(m.field))
    return {
      ...base,
      outcome: "invalid",
      reason: m.field === "email" ? "the email address can never be updated" : `the ${label(m)} cannot be updated`,
    };
  if (!found.found) return { ...base, outcome: "skipped", reason: found.reason };
  // An IdP that has no value says null or "": nothing to write, nothing wrong.
  if (found.value === null || (typeof found.value === "string" && normalizeText(found.value) === ""))
    return { ...base, outcome: "skipped", reason: `the value at ${m.path} is empty` };
  if (typeof found.value === "boolean")
    return { ...base, outcome: "invalid", reason: `the value at ${m.path} is true/false, not text` };
  const problem = describeValue(found.value);
  if (problem) return { ...base, outcome: "invalid", reason: `the value at ${m.path} ${problem}` };
  const checked = toUpdateValue(m.field as UpdatableField, String(found.value as Scalar));
  return checked.ok
    ? { ...base, value: checked.value, outcome: "update" }
    : { ...base, outcome: "invalid", reason: `the value at ${m.path} ${checked.reason}` };
}

// A Test connection has no recipient: show each value and what would happen to it.
function show(source: string, m: Mapping, found: Lookup, document: unknown): MappingOutcome {
  const base = { source, mapping: m, found: found.found, value: found.value, outcome: "shown" as const };
  if (!found.found)
    return {
      ...base,
      would: m.mode === "validate" ? "refuse" : "skip",
      reason: `${found.reason}: a Validate mapping would fail, an Update mapping is skipped`,
    };
  if (m.mode === "validate" && unverifiedEmail(m, document))
    return { ...base, would: "refuse", reason: `${UNVERIFIED_EMAIL}: Validate would fail` };
  if (m.mode === "validate") {
    const problem = describeValue(found.value);
    return problem
      ? { ...base, would: "refuse", reason: `the value at ${m.path} ${problem}: Validate would fail` }
      : { ...base, would: "compare", reason: undefined };
  }
  const would = update(source, m, found);
  return would.outcome === "update"
    ? {
        ...base,
        would: "set",
        value: found.value,
        reason: `would update the ${label(m)} to ${JSON.stringify(would.value)}`,
      }
    : {
        ...base,
        would: would.outcome === "skipped" ? "skip" : "refuse",
        reason: `${would.reason}: Update would be ${would.outcome}`,
      };
}

function evaluateOne(
  source: string,
  m: Mapping,
  document: unknown,
  unavailable: string | null,
  context: MappingContext | null,
): MappingOutcome {
  const found = lookup(document, unavailable, m.path);
  // A broken path is a configuration mistake: reported as invalid whatever the mode.
  if ("invalidPath" in found)
    return { source, mapping: m, found: false, value: undefined, outcome: "invalid", reason: found.invalidPath };
  if (context === null) return show(source, m, found, document);
  if (m.mode === "update") return update(source, m, found);
  if (context.skipValidate)
    return {
      source,
      mapping: m,
      found: found.found,
      value: found.value,
      outcome: "skipped",
      reason: "SkipExternalDataValidation",
    };
  if (!found.found)
    return { source, mapping: m, found: false, value: undefined, outcome: "invalid", reason: found.reason };
  return validate(source, m, found, context, document);
}

function resourceData(resources: MappingSources["resources"], uri: string, index: number) {
  // Results come in configuration order; fall back to the URI should the caller skip one.
  const atIndex = resources[index];
  return atIndex?.uri === uri ? atIndex : resources.find((r) => r.uri === uri);
}

/**
 * Evaluates every mapping: the JWT's on the claims (source "jwt"), then each resource URI's on
 * its JSON (source = the URI), in configuration order. `context` null = Test connection.
 */
export function evaluateMappings(
  sources: MappingSources,
  provider: MappingProvider,
  context: MappingContext | null,
): MappingOutcome[] {
  const outcomes: MappingOutcome[] = [];
  for (const m of provider.jwt?.mappings ?? []) {
    outcomes.push(
      evaluateOne("jwt", m, sources.claims, sources.claims === null ? "no ID token was received" : null, context),
    );
  }
  provider.resourceUris.forEach((r, i) => {
    const data = resourceData(sources.resources, r.uri, i);
    for (const m of r.mappings)
      outcomes.push(evaluateOne(r.uri, m, data?.data, data ? null : "the resource URI was not called", context));
  });
  return outcomes;
}

/** The outcomes that must refuse the authentication. */
export const mappingFailures = (outcomes: MappingOutcome[]): MappingOutcome[] =>
  outcomes.filter((o) => o.outcome === "invalid");

/**
 * New recipient data from the Update outcomes. When several mappings update one field, the last
 * one wins: resource URIs (later in the list) over the JWT, as configured.
 */
export function proposedUpdates(outcomes: MappingOutcome[]): Partial<Record<UpdatableField, string>> {
  const updates: Partial<Record<UpdatableField, string>> = {};
  for (const o of outcomes) {
    if (o.outcome === "update" && isUpdatable(o.mapping.field) && typeof o.value === "string")
      updates[o.mapping.field] = o.value;
  }
  return updates;
}
