// Which original file a position in the production build comes from: a small source map v3
// decoder (generated column to source file only: names and original lines are skipped), for
// bench/profile.ts's summary.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const B64 = new Map([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].map((c, i) => [c, i]));

/** Per generated line: [generated column, source index][] in column order. */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const line of mappings.split(";")) {
    const segments: [number, number][] = [];
    let column = 0;
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.get(ch) ?? 0;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1]!;
        segments.push([column, source]);
      } else segments.push([column, -1]);
    }
    lines.push(segments);
  }
  return lines;
}

type LoadedMap = { sources: string[]; lines: [number, number][][] } | null;
const maps = new Map<string, LoadedMap>();

function loadMap(file: string): LoadedMap {
  if (maps.has(file)) return maps.get(file)!;
  let loaded: LoadedMap = null;
  try {
    if (existsSync(`${file}.map`)) {
      const raw = JSON.parse(readFileSync(`${file}.map`, "utf8")) as {
        sources?: string[];
        sourceRoot?: string;
        mappings?: string;
      };
      if (raw.sources && raw.mappings)
        loaded = { sources: raw.sources.map((src) => originalPath(file, src)), lines: decodeMappings(raw.mappings) };
    }
  } catch {
    loaded = null;
  }
  maps.set(file, loaded);
  return loaded;
}

function originalPath(mapOf: string, source: string): string {
  const webpack = /^webpack:\/\/([^/]+)\/(?:\.\/)?(.*)$/.exec(source);
  if (webpack) return `node_modules/${webpack[1]}/${webpack[2]}`;
  const cleaned = source.replace(/^turbopack:\/\/+(\[project\]\/)?/, "").replace(/^file:\/\//, "");
  const absolute = path.isAbsolute(cleaned) ? cleaned : path.resolve(path.dirname(mapOf), cleaned);
  return path.relative(process.cwd(), absolute);
}

/** The original source file of a generated position, when the script has a source map. */
export function sourceOf(url: string, line: number, column: number): string | null {
  if (!url.startsWith("file://")) return null;
  const map = loadMap(fileURLToPath(url));
  const segments = map?.lines[line];
  if (!map || !segments?.length) return null;
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]![0] <= column) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const index = found >= 0 ? segments[found]![1] : -1;
  return index >= 0 ? (map.sources[index] ?? null) : null;
}
