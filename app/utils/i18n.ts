/**
 * i18next set-up shared by server and browser. Catalogs are JSON files, one per language and
 * namespace (app/locales/<lng>/<ns>.json), gathered at build time so nothing is fetched at run time.
 */
export const supportedLngs = ["ru", "en"] as const;
export type Lng = (typeof supportedLngs)[number];
export const fallbackLng: Lng = "ru";
export const defaultNS = "common";

const files = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json", { eager: true });

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, mod] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match) continue;
  const [, lng, ns] = match;
  (resources[lng] ??= {})[ns] = mod.default;
}
export const namespaces = Object.keys(resources[fallbackLng] ?? { common: {} });

export function isLng(value: unknown): value is Lng {
  return typeof value === "string" && (supportedLngs as readonly string[]).includes(value);
}

export const i18nOptions = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  ns: namespaces,
  resources,
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
};
