import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { namespaces, supportedLngs } from "../../../app/utils/i18n";

/**
 * The catalogs of every language say the same things: the same keys in every namespace (nested keys
 * flattened, plural forms grouped under their key, each language with the forms its plural rules
 * need), with the same placeholders. JSON is not typechecked: this is the check that a string added
 * in one language is added in all of them.
 */
const dir = join(__dirname, "../../../app/locales");
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(node: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") flatten(value, path, out);
    else out.set(path, String(value));
  }
  return out;
}

const catalog = (lng: string, ns: string) => flatten(JSON.parse(readFileSync(join(dir, lng, `${ns}.json`), "utf8")));
/** The key a plural form belongs to (`total_one` → `total`, when `total_other` is there too: `too_many` alone is a key of its own). */
const pluralBase = (flat: Map<string, string>, key: string) => {
  const base = key.replace(PLURAL, "");
  return base !== key && flat.has(`${base}_other`) ? base : null;
};
/** Keys with their plural forms folded: `total_one`, `total_other` → `total`. */
const grouped = (flat: Map<string, string>) => new Set([...flat.keys()].map((k) => pluralBase(flat, k) ?? k));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe("the catalogs of ky, ru and en", () => {
  it("exist for every language and every namespace, and no others", () => {
    expect(readdirSync(dir).sort()).toEqual([...supportedLngs].sort());
    for (const lng of supportedLngs) expect(readdirSync(join(dir, lng)).sort(), lng).toEqual(namespaces.map((n) => `${n}.json`).sort());
  });

  it.each(namespaces.map((ns) => [ns]))("%s: every key is in every language", (ns) => {
    const keys = Object.fromEntries(supportedLngs.map((lng) => [lng, grouped(catalog(lng, ns))]));
    const all = new Set(supportedLngs.flatMap((lng) => [...keys[lng]]));
    const missing = supportedLngs.flatMap((lng) => [...all].filter((k) => !keys[lng].has(k)).map((k) => `${lng}: ${ns}:${k}`));
    expect(missing).toEqual([]);
  });

  it.each(namespaces.map((ns) => [ns]))("%s: a plural key has every form its language's rules ask for", (ns) => {
    const problems: string[] = [];
    for (const lng of supportedLngs) {
      const flat = catalog(lng, ns);
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      for (const base of new Set([...flat.keys()].map((k) => pluralBase(flat, k)).filter((b) => b !== null))) {
        for (const c of categories) if (!flat.has(`${base}_${c}`)) problems.push(`${lng}: ${ns}:${base}_${c}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(namespaces.map((ns) => [ns]))("%s: every translation keeps the Russian text's placeholders", (ns) => {
    const ru = catalog("ru", ns);
    const wrong: string[] = [];
    for (const lng of supportedLngs.filter((l) => l !== "ru")) {
      for (const [key, text] of catalog(lng, ns)) {
        const original = ru.get(key) ?? ru.get(key.replace(PLURAL, "_other"));
        if (original !== undefined && placeholders(original).join() !== placeholders(text).join()) wrong.push(`${lng}: ${ns}:${key}`);
        if ((original ?? "") !== "" && text.trim() === "") wrong.push(`${lng}: ${ns}:${key} is empty`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("Kyrgyz text mixes no Latin letters into a Cyrillic word (a slip of the keyboard)", () => {
    const mixed = namespaces.flatMap((ns) => [...catalog("ky", ns)].filter(([, text]) => /[a-z][а-яөүң]|[а-яөүң][a-z]/i.test(text)).map(([k]) => `${ns}:${k}`));
    expect(mixed).toEqual([]);
  });
});
