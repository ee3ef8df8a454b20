import { describe, expect, it } from "vitest";
import { findUnwrappedEntryPoints, isServerActionFile, unwrappedExports } from "./entry-points";

describe("every entry point goes through its wrapper", () => {
  it("finds no route handler or server action of the app outside route() / action()", () => {
    expect(findUnwrappedEntryPoints(process.cwd())).toEqual([]);
  });
});

describe("the check itself", () => {
  const allowed = new Set(["dynamic"]);

  it("accepts wrapped handlers, a const naming a wrapped one, and segment config", () => {
    const source = `export const dynamic = "force-dynamic";
const handle = route({ auth: "public" }, () => null);
export const GET = route({ auth: "user" }, () => null);
export const POST = handle;`;
    expect(unwrappedExports("app/x/route.ts", source, "route", allowed)).toEqual([]);
  });

  it.each([
    ["an exported function", "export async function GET(request: Request) { return new Response(); }", "GET"],
    ["a const that is not route()", "export const GET = async () => new Response();", "GET"],
    ["a const naming an unwrapped function", "async function h() {}\nexport const POST = h;", "POST"],
    ["a destructured export", "export const { GET, POST } = handlers;", "{ GET, POST }"],
    ["a re-export", 'export { GET } from "./other";', 'export { GET } from "./other";'],
    [
      "a config name used as a handler",
      "export const revalidate = 0;\nexport const PUT = withSomethingElse(() => null);",
      "PUT",
    ],
  ])("reports %s", (_label, source, name) => {
    const findings = unwrappedExports("app/x/route.ts", source, "route", allowed);
    expect(findings.map((f) => f.name)).toContain(name);
  });

  it("holds server actions to action()", () => {
    const source = `"use server";\nexport async function saveAction(form: FormData) {}\nexport const okAction = action({ auth: "public", input: z.object({}) }, async () => null);`;
    expect(isServerActionFile(source)).toBe(true);
    expect(unwrappedExports("app/x/actions.ts", source, "action").map((f) => f.name)).toEqual(["saveAction"]);
  });
});
