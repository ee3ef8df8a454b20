import { formatPath } from "@/lib/errors";

// Security rule: a REST body may not carry members named toString or valueOf. JSON cannot
// hold functions, so such a member only replaces the method every implicit conversion calls,
// and the conversion then throws a TypeError. zod 4.6 compares `.length` with its min/max even
// on a value that failed the string check, so `{"email": {"length": {"toString": 0}}}` made
// schema parsing throw instead of answering: a 500 where a 400 was due.

const FORBIDDEN_MEMBERS = new Set(["toString", "valueOf"]);

type Node = { value: unknown; key: string | number | null; parent: Node | null };

/**
 * The JSON path of the first member named toString or valueOf, or null. Iterative and linear
 * (nodes point to their parent; the path is built only for the one found): bodies may nest deeply.
 */
export function findConversionTrap(value: unknown): string | null {
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.value;
    if (v === null || typeof v !== "object") continue;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
    for (const [key, item] of entries) {
      if (typeof key === "string" && FORBIDDEN_MEMBERS.has(key))
        return formatPath(pathOf({ value: item, key, parent: node }));
      stack.push({ value: item, key, parent: node });
    }
  }
  return null;
}

function pathOf(node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  for (let n: Node | null = node; n && n.key !== null; n = n.parent) path.push(n.key);
  return path.reverse();
}
