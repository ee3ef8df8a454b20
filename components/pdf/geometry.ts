// PDF units (origin at the page's lower-left corner, y up) to and from a rendered page on screen
// (origin at the element's upper-left corner, y down). Pure, so the mapping is tested without a browser.

/** A page's visible box in PDF units: its lower-left corner and its size (pdf.js `page.view`). */
export type PageSize = { x0: number; y0: number; width: number; height: number };

export const A4: PageSize = { x0: 0, y0: 0, width: 595, height: 842 };

/** A rectangle in PDF units (lower-left corner + size) as CSS percentages of the rendered page. */
export function pdfRectToPercent(page: PageSize, r: { x: number; y: number; width: number; height: number }) {
  return {
    left: `${((r.x - page.x0) / page.width) * 100}%`,
    bottom: `${((r.y - page.y0) / page.height) * 100}%`,
    width: `${(r.width / page.width) * 100}%`,
    height: `${(r.height / page.height) * 100}%`,
  };
}

/** A pointer position over the rendered page (its bounding box) as a point in PDF units. */
export function screenToPdf(
  page: PageSize,
  box: { left: number; top: number; width: number; height: number },
  clientX: number,
  clientY: number,
): { x: number; y: number } {
  return {
    x: page.x0 + ((clientX - box.left) / box.width) * page.width,
    y: page.y0 + ((box.top + box.height - clientY) / box.height) * page.height,
  };
}

/** A field's lower-left corner kept inside the page, rounded to whole PDF units. */
export function clampToPage(page: PageSize, x: number, y: number, width: number, height: number) {
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(Math.max(v, lo), Math.max(lo, hi)));
  return {
    x: clamp(x, page.x0, page.x0 + page.width - width),
    y: clamp(y, page.y0, page.y0 + page.height - height),
  };
}
