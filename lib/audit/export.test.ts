import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine } from "./export";

/** Parses one line of our CSV (every cell quoted). */
const cellsOf = (line: string) =>
  line
    .replace(/\r\n$/, "")
    .slice(1, -1)
    .split('","')
    .map((c) => c.replace(/""/g, '"'));

describe("CSV export", () => {
  it("prefixes a cell that a spreadsheet would run as a formula with '", () => {
    expect(
      cellsOf(csvLine(['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain", 5, null])),
    ).toEqual(['\'=HYPERLINK("http://evil")', "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "plain", "5", ""]);
  });

  it("no cell starts with a formula prefix, and the text is kept after the '", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string().filter((c) => !c.includes('"')),
          { minLength: 1, maxLength: 5 },
        ),
        (cells) => {
          const out = cellsOf(csvLine(cells));
          expect(out).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
          for (const cell of out) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});
