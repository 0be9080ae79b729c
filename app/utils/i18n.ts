/**
 * i18next set-up shared by server and browser. Catalogs are JSON files, one per language and
 * namespace (app/locales/<lng>/<ns>.json). The server holds them all (i18n.server.ts); a browser
 * gets only its page's language and the namespaces its section of the site declares (decision 058).
 */
export const supportedLngs = ["ky", "ru", "en"] as const;
export type Lng = (typeof supportedLngs)[number];
/** The language a missing key falls back to: the official language, complete by test. */
export const fallbackLng: Lng = "ru";
export const defaultNS = "common";

/** Every namespace (a test keeps the list equal to the catalog files). `api` is server-only. */
export const namespaces = ["common", "public", "apply", "status", "refuse", "verify", "auth", "desk", "subject", "supervisor", "admin", "journal", "api"] as const;
export type Namespace = (typeof namespaces)[number];

/**
 * What a route module declares in its `handle` (the remix-i18next convention): the namespaces its
 * page reads besides `common`, and the key of its document title.
 */
export type I18nHandle = { i18n: readonly Namespace[]; title?: string };

export function isLng(value: unknown): value is Lng {
  return typeof value === "string" && (supportedLngs as readonly string[]).includes(value);
}

export function isNamespace(value: unknown): value is Namespace {
  return typeof value === "string" && (namespaces as readonly string[]).includes(value);
}

/**
 * The part of the site a path belongs to (its first segment): the browser holds the catalogs of a
 * whole section, so moving between its pages needs nothing new, and only a move to another section
 * asks the root loader again (root.tsx, shouldRevalidate).
 */
export function sectionOf(pathname: string): string {
  return pathname.replace(/\.data$/, "").split("/")[1] ?? "";
}

/** The namespace a qualified key names (`desk:present.done` → desk), if any. */
export function namespaceOfKey(key: string): Namespace | null {
  const ns = key.includes(":") ? key.slice(0, key.indexOf(":")) : null;
  return isNamespace(ns) ? ns : null;
}

export const i18nOptions = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  ns: [defaultNS],
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
};
