import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Font } from "@react-pdf/renderer";

export const FONT_FAMILY = "PT Sans";

const require = createRequire(import.meta.url);

/** The TTF files shipped by the npm package, resolved where the package is installed (no download). */
export function fontPaths(): { regular: string; bold: string } {
  return {
    regular: require.resolve("@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf"),
    bold: require.resolve("@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf"),
  };
}

let registered = false;

/** Registers PT Sans once per process; react-pdf embeds the used glyphs as a subset. */
export function registerFonts(): void {
  if (registered) return;
  const { regular, bold } = fontPaths();
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: regular, fontWeight: 400 },
      { src: bold, fontWeight: 700 },
    ],
  });
  // The default hyphenator is English-only and leaves a 300-character word unbroken, which
  // overflows the column; long runs are cut into pieces the line breaker may split between.
  Font.registerHyphenationCallback(splitLongWord);
  registered = true;
}

let primed: Promise<void> | null = null;

/**
 * Registers the fonts and lays out every character they cover once, before anything is rendered.
 * Why: the parsed font is shared by all renders, and when embedding a subset fontkit caches some
 * glyphs by id without their characters (composite components); a later render that lays out such
 * a glyph gets it back without characters and react-pdf drops it (diegomura/react-pdf#3404: "J"
 * and "x" vanished from the second document of a process). Glyphs first met through layout keep
 * their characters for good. It is also the warm-up: the first render no longer pays for parsing.
 */
export function prepareFonts(): Promise<void> {
  primed ??= (async () => {
    registerFonts();
    const text = String.fromCodePoint(...fontCoverage());
    for (const fontWeight of [400, 700]) {
      await Font.load({ fontFamily: FONT_FAMILY, fontWeight });
      const data = Font.getFont({ fontFamily: FONT_FAMILY, fontWeight }).data;
      data?.layout(text);
    }
  })();
  return primed;
}

const MAX_UNBROKEN = 24;

export function splitLongWord(word: string): string[] {
  if (word.length <= MAX_UNBROKEN) return [word];
  const parts: string[] = [];
  for (let i = 0; i < word.length; i += MAX_UNBROKEN / 2) parts.push(word.slice(i, i + MAX_UNBROKEN / 2));
  return parts;
}

let coverage: Set<number> | null = null;

/** Code points both faces can draw, read from their cmap tables (formats 4 and 12). */
export function fontCoverage(): Set<number> {
  if (coverage) return coverage;
  const { regular, bold } = fontPaths();
  const a = readCmap(readFileSync(regular));
  const b = readCmap(readFileSync(bold));
  coverage = new Set([...a].filter((cp) => b.has(cp)));
  return coverage;
}

function readCmap(buf: Buffer): Set<number> {
  const out = new Set<number>();
  const numTables = buf.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    if (buf.toString("latin1", rec, rec + 4) === "cmap") cmap = buf.readUInt32BE(rec + 8);
  }
  if (cmap < 0) return out;
  const n = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < n; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + i * 8);
    const encoding = buf.readUInt16BE(cmap + 6 + i * 8);
    if (platform !== 3 && platform !== 0) continue;
    if (platform === 3 && encoding !== 1 && encoding !== 10) continue;
    const sub = cmap + buf.readUInt32BE(cmap + 8 + i * 8);
    const format = buf.readUInt16BE(sub);
    if (format === 4) readFormat4(buf, sub, out);
    else if (format === 12) readFormat12(buf, sub, out);
  }
  return out;
}

function readFormat4(buf: Buffer, sub: number, out: Set<number>): void {
  const segX2 = buf.readUInt16BE(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const offsets = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const end = buf.readUInt16BE(ends + s);
    const start = buf.readUInt16BE(starts + s);
    const delta = buf.readInt16BE(deltas + s);
    const rangeOffset = buf.readUInt16BE(offsets + s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = offsets + s + rangeOffset + (c - start) * 2;
        glyph = buf.readUInt16BE(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
}

function readFormat12(buf: Buffer, sub: number, out: Set<number>): void {
  const groups = buf.readUInt32BE(sub + 12);
  for (let g = 0; g < groups; g++) {
    const at = sub + 16 + g * 12;
    const start = buf.readUInt32BE(at);
    const end = buf.readUInt32BE(at + 4);
    for (let c = start; c <= end; c++) out.add(c);
  }
}
