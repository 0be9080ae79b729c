import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The app's own catalogs, for browser tests that find controls by their words in a given language
 * (app/locales/<lng>/<ns>.json): the same text the page shows, so a test follows a wording change.
 */
const dir = fileURLToPath(new URL("../../app/locales", import.meta.url));
const cache = new Map<string, Record<string, unknown>>();

function catalog(lng: string, ns: string): Record<string, unknown> {
  const id = `${lng}/${ns}`;
  let c = cache.get(id);
  if (!c) {
    c = JSON.parse(readFileSync(join(dir, lng, `${ns}.json`), "utf8")) as Record<string, unknown>;
    cache.set(id, c);
  }
  return c;
}

/** The text of `ns:a.b.c` in a language, with `{{name}}` filled from `values`. */
export function say(lng: string, key: string, values: Record<string, string | number> = {}): string {
  const [ns, path] = key.split(":");
  let node: unknown = catalog(lng, ns);
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") throw new Error(`no ${key} in ${lng}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

/** Every string of a language's catalogs, with its key (`ns:a.b.c`). */
export function allStrings(lng: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown, prefix: string) => {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (v !== null && typeof v === "object") walk(v, `${prefix}.${k}`);
      else out.set(`${prefix}.${k}`.replace(/^([^.]+)\./, "$1:"), String(v));
    }
  };
  for (const file of readdirSync(join(dir, lng))) walk(catalog(lng, file.replace(/\.json$/, "")), file.replace(/\.json$/, ""));
  return out;
}
