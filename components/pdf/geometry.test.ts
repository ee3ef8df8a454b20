import { describe, expect, it } from "vitest";
import { clampToPage, pdfRectToPercent, screenToPdf, type PageSize } from "./geometry";

const letter: PageSize = { x0: 0, y0: 0, width: 612, height: 792 };

describe("PDF units to screen and back", () => {
  it("places a rectangle from the lower-left corner", () => {
    expect(pdfRectToPercent(letter, { x: 306, y: 0, width: 153, height: 198 })).toEqual({
      left: "50%",
      bottom: "0%",
      width: "25%",
      height: "25%",
    });
  });

  it("maps the element's top-left corner to the page's upper-left in PDF units", () => {
    const box = { left: 100, top: 50, width: 306, height: 396 }; // rendered at half size
    expect(screenToPdf(letter, box, 100, 50)).toEqual({ x: 0, y: 792 });
    expect(screenToPdf(letter, box, 406, 446)).toEqual({ x: 612, y: 0 });
    expect(screenToPdf(letter, box, 253, 248)).toEqual({ x: 306, y: 396 });
  });

  it("honours a page box that does not start at 0,0", () => {
    const cropped: PageSize = { x0: 10, y0: 20, width: 100, height: 200 };
    expect(screenToPdf(cropped, { left: 0, top: 0, width: 100, height: 200 }, 0, 200)).toEqual({ x: 10, y: 20 });
    expect(pdfRectToPercent(cropped, { x: 60, y: 120, width: 10, height: 20 }).left).toBe("50%");
  });

  it("keeps a field inside the page", () => {
    expect(clampToPage(letter, -5, 900, 190, 80)).toEqual({ x: 0, y: 712 });
    expect(clampToPage(letter, 600.4, -1, 190, 80)).toEqual({ x: 422, y: 0 });
    expect(clampToPage(letter, 72.4, 72.6, 190, 80)).toEqual({ x: 72, y: 73 });
  });
});
