import { DATA_FIELDS, type DataField } from "./provider-config";
import type { MappingOutcome, MappingWould } from "./types";

/** One mapping's result as the report keeps it (run-flow.ts) or the preview computes it (MappingOutcome). */
export type OutcomeFacts = {
  mode: "validate" | "update";
  field: DataField | "custom";
  found: boolean;
  value: unknown;
  outcome: MappingOutcome["outcome"];
  reason?: string | null;
  would?: MappingWould | null;
};

export type OutcomeTone = "ok" | "warn" | "info";

// "Recipient first name" → "First name": the recipient is implied.
function fieldName(field: OutcomeFacts["field"]): string {
  const name = field === "custom" ? "custom field" : DATA_FIELDS[field].label.replace(/^Recipient /, "");
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const shown = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? "nothing"));

// The engine's reasons end with what the flow would do ("…: Validate would fail"): the sentence says it first.
const core = (reason: string | null | undefined) =>
  (reason ?? "").replace(/: (a Validate mapping would fail.*|Validate would fail|Update would be \w+)$/, "");

// Reports kept before `would` existed: read it from the reason.
function wouldOf(o: OutcomeFacts): MappingWould {
  if (o.would) return o.would;
  if (o.mode === "validate") return o.reason && /would fail/.test(o.reason) ? "refuse" : "compare";
  if (o.reason?.startsWith("would update")) return "set";
  return o.reason && /Update would be invalid/.test(o.reason) ? "refuse" : "skip";
}

function setValue(o: OutcomeFacts): string {
  const quoted = /to (".*")$/.exec(o.reason ?? "")?.[1];
  return quoted ?? shown(o.value);
}

/** What a mapping's result means for a person, in one sentence: passes, would refuse, would set …, skipped. */
export function describeMappingOutcome(o: OutcomeFacts): { text: string; tone: OutcomeTone } {
  const field = fieldName(o.field);
  switch (o.outcome) {
    case "valid":
      return { text: `Passes: matches the recipient's ${field.toLowerCase()}`, tone: "ok" };
    case "invalid":
      return { text: `Refused: ${o.reason ?? "the value is not valid"}`, tone: "warn" };
    case "update":
      return { text: `Sets ${field} to ${shown(o.value)}`, tone: "ok" };
    case "skipped":
      return { text: `Skipped, nothing changes: ${o.reason ?? "no value"}`, tone: "info" };
    case "shown": {
      switch (wouldOf(o)) {
        case "refuse":
          return { text: `Would refuse people: ${core(o.reason)}`, tone: "warn" };
        case "compare":
          return {
            text: `Passes for a recipient whose ${field.toLowerCase()} is ${shown(o.value)}, would refuse anyone else`,
            tone: "ok",
          };
        case "set":
          return { text: `Would set ${field} to ${setValue(o)}`, tone: "ok" };
        case "skip":
          return { text: `Skipped, nothing changes: ${core(o.reason)}`, tone: "info" };
      }
    }
  }
}

/** The mappings of a report or preview that would refuse people (a warning on a Test connection that worked). */
export const refusingOutcomes = <T extends OutcomeFacts>(outcomes: T[]): T[] =>
  outcomes.filter((o) => describeMappingOutcome(o).tone === "warn");
