import { StandardFonts, type PDFDocument, type PDFFont } from "pdf-lib";

// Text on a page with the standard PDF fonts (no font file embedded): they cover WinAnsi only, so
// a character they cannot show is written as "?" rather than failing the seal.

const charsets = new WeakMap<PDFFont, Set<number>>();

/** The text with every character the font cannot encode replaced by "?" (and newlines/tabs by spaces). */
export function safeText(font: PDFFont, text: string): string {
  let set = charsets.get(font);
  if (!set) charsets.set(font, (set = new Set(font.getCharacterSet())));
  let out = "";
  for (const ch of text.replace(/[\r\n\t]+/g, " ")) out += set.has(ch.codePointAt(0)!) ? ch : "?";
  return out;
}

/** The standard font closest to a StampImprintConfiguration FontFamily ("Times New Roman", "Courier", else Helvetica). */
export function fontFamily(name: string | undefined): { regular: StandardFonts; italic: StandardFonts } {
  const n = (name ?? "").toLowerCase();
  if (n.includes("times") || (n.includes("serif") && !n.includes("sans")))
    return { regular: StandardFonts.TimesRoman, italic: StandardFonts.TimesRomanItalic };
  if (n.includes("courier") || n.includes("mono"))
    return { regular: StandardFonts.Courier, italic: StandardFonts.CourierOblique };
  return { regular: StandardFonts.Helvetica, italic: StandardFonts.HelveticaOblique };
}

/** Embeds each standard font once per document. */
export function fontCache(doc: PDFDocument) {
  const fonts = new Map<StandardFonts, Promise<PDFFont>>();
  return (name: StandardFonts) => {
    let f = fonts.get(name);
    if (!f) fonts.set(name, (f = doc.embedFont(name)));
    return f;
  };
}

/** Words laid out in lines no wider than `width` at `size`; a word wider than a line is cut. */
export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of safeText(font, text).split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) line = next;
    else {
      if (line) lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}
