// Reads the app's entry points from source, so a test can prove each goes through the wrappers:
// every HTTP method a route.ts exports is `route(...)`, every export of a "use server" file is
// `action(...)`. Plain TypeScript (the compiler's parser), no Next.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Route segment config Next reads from a route file: values, not handlers. */
const SEGMENT_CONFIG = new Set([
  "dynamic",
  "dynamicParams",
  "revalidate",
  "fetchCache",
  "runtime",
  "preferredRegion",
  "maxDuration",
]);

export type Finding = { file: string; name: string; problem: string };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === "node_modules" || entry.startsWith(".")) return [];
    return statSync(full).isDirectory() ? walk(full) : /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

const isCallTo = (node: ts.Expression | undefined, callee: string): boolean =>
  !!node && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === callee;

const hasExport = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Whether the file starts with the "use server" directive. */
export function isServerActionFile(source: string): boolean {
  const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.Latest, false);
  const first = file.statements[0];
  return (
    !!first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use server"
  );
}

/**
 * The exports of one file that do not go through `wrapper`: each exported const must be
 * `wrapper(...)` (or name a module const that is); functions, re-exports and destructured
 * exports are findings. `allowed`: exported names that are not entry points.
 */
export function unwrappedExports(
  fileName: string,
  source: string,
  wrapper: "route" | "action",
  allowed: ReadonlySet<string> = new Set(),
): Finding[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const wrappedConsts = new Set<string>();
  const findings: Finding[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations)
      if (ts.isIdentifier(d.name) && isCallTo(d.initializer, wrapper)) wrappedConsts.add(d.name.text);
  }
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      findings.push({
        file: fileName,
        name: statement.getText().slice(0, 60),
        problem: `re-export: export a ${wrapper}(...) const instead`,
      });
    } else if (ts.isExportAssignment(statement)) {
      findings.push({
        file: fileName,
        name: "default",
        problem: `default export: export a ${wrapper}(...) const instead`,
      });
    } else if (ts.isFunctionDeclaration(statement) && hasExport(statement)) {
      findings.push({
        file: fileName,
        name: statement.name?.text ?? "?",
        problem: `exported function: wrap it in ${wrapper}(...)`,
      });
    } else if (ts.isVariableStatement(statement) && hasExport(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) {
          findings.push({
            file: fileName,
            name: d.name.getText(),
            problem: `destructured export: wrap each in ${wrapper}(...)`,
          });
          continue;
        }
        const name = d.name.text;
        if (allowed.has(name)) continue;
        const ok =
          isCallTo(d.initializer, wrapper) ||
          (!!d.initializer && ts.isIdentifier(d.initializer) && wrappedConsts.has(d.initializer.text));
        if (!ok) findings.push({ file: fileName, name, problem: `not made by ${wrapper}(...)` });
      }
    } else if ((ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && hasExport(statement)) {
      findings.push({
        file: fileName,
        name: statement.name?.text ?? "?",
        problem: "exports a value that is not an entry point",
      });
    }
  }
  return findings;
}

/** Every route handler and server action of the app that skips its wrapper (an empty list when none does). */
export function findUnwrappedEntryPoints(root: string): Finding[] {
  const files = ["app", "components", "lib"].flatMap((dir) => walk(path.join(root, dir)));
  return files.flatMap((full) => {
    const rel = path.relative(root, full);
    const source = readFileSync(full, "utf8");
    if (rel.startsWith(`app${path.sep}`) && path.basename(rel) === "route.ts")
      return unwrappedExports(rel, source, "route", SEGMENT_CONFIG);
    if (isServerActionFile(source)) return unwrappedExports(rel, source, "action");
    // An inline "use server" (an action declared inside a component) would escape both wrappers.
    if (/["']use server["']/.test(source) && !rel.endsWith(".test.ts") && !rel.endsWith("entry-points.ts")) {
      return [
        {
          file: rel,
          name: "inline",
          problem: 'inline "use server": move the action to an actions.ts file and wrap it',
        },
      ];
    }
    return [];
  });
}
