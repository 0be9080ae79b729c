import { fontCoverage } from "./fonts";

const pictographic = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
// Control characters are exactly what this strips.
// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Variation selectors are listed on purpose: they are stripped one by one, not combined.
// eslint-disable-next-line no-misleading-character-class
const invisible = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufe00-\ufe0f]/g;
const segmenter = new Intl.Segmenter("ru", { granularity: "grapheme" });

/**
 * Makes a string printable with PT Sans: emoji are dropped (the font has none, and a blank box
 * in an official paper reads as a defect), any other character the font lacks becomes "?", so a
 * name in an unexpected script is visibly incomplete rather than silently shortened.
 */
export function printable(text: string): string {
  const cover = fontCoverage();
  let out = "";
  const cleaned = text.normalize("NFC").replace(control, " ");
  for (const { segment } of segmenter.segment(cleaned)) {
    if (pictographic.test(segment)) continue;
    const bare = segment.replace(invisible, "");
    for (const ch of bare) {
      const cp = ch.codePointAt(0)!;
      if (cover.has(cp)) out += ch;
      else if (/\p{M}/u.test(ch)) continue;
      else out += "?";
    }
  }
  return out.replace(/ {2,}/g, " ").trim();
}

/** Applies `printable` to every string of a props object, so no document can forget to. */
export function printableDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}
