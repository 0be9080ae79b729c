import type { ServerBuild } from "@remix-run/node";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import Negotiator from "negotiator";
import { initReactI18next } from "react-i18next";
import { defaultNS, i18nOptions, isLng, isNamespace, namespaceOfKey, namespaces, sectionOf, supportedLngs, type I18nHandle, type Lng, type Namespace } from "./i18n";
import { languageCookie } from "./cookies.server";
import { env } from "./env.server";

type Catalog = Record<string, unknown>;

// Every catalog of every language, in the server bundle only: a browser is sent what its page needs.
const files = import.meta.glob<{ default: Catalog }>("../locales/*/*.json", { eager: true });
export const resources: Record<string, Record<string, Catalog>> = {};
for (const [path, mod] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (match) (resources[match[1]] ??= {})[match[2]] = mod.default;
}

/**
 * The languages a request's Accept-Language asks for, best first, among ours (negotiator: q-values,
 * `ky-KG` for `ky`, `*`). The installation's default is listed first, so a wildcard or an absent
 * header picks it; a header naming none of ours picks nothing.
 */
export function acceptedLanguage(header: string | null, preferred: Lng): Lng | undefined {
  const offered = [preferred, ...supportedLngs.filter((l) => l !== preferred)];
  const best = new Negotiator({ headers: header === null ? {} : { "accept-language": header } }).language(offered);
  return isLng(best) ? best : undefined;
}

/** The installation's language when a request says nothing we speak (DEFAULT_LANGUAGE, decision 058). */
export function defaultLanguage(): Lng {
  return env().DEFAULT_LANGUAGE;
}

/**
 * The language of a page: an explicit `?lng=`, then the switch (the `lng` cookie, also set at
 * sign-in from a staff member's saved choice), then the browser's Accept-Language, then the
 * installation's default.
 */
export function negotiateLanguage(asked: { query: unknown; cookie: unknown; acceptLanguage: string | null }, fallback: Lng): Lng {
  if (isLng(asked.query)) return asked.query;
  if (isLng(asked.cookie)) return asked.cookie;
  return acceptedLanguage(asked.acceptLanguage, fallback) ?? fallback;
}

export async function getLocale(request: Request): Promise<Lng> {
  const query = new URL(request.url).searchParams.get("lng");
  const cookie = await languageCookie().parse(request.headers.get("Cookie"));
  return negotiateLanguage({ query, cookie, acceptLanguage: request.headers.get("Accept-Language") }, defaultLanguage());
}

export async function getFixedT(request: Request, ns?: string | string[]): Promise<TFunction> {
  const lng = await getLocale(request);
  return translatorFor(lng, ns);
}

const allOptions = { ...i18nOptions, ns: [...namespaces], resources };

const instances = new Map<string, Promise<ReturnType<typeof createInstance>>>();
export async function translatorFor(lng: Lng, ns?: string | string[]): Promise<TFunction> {
  let ready = instances.get(lng);
  if (!ready) {
    const inst = createInstance();
    ready = inst.init({ ...allOptions, lng }).then(() => rememberPlainLookups(inst));
    instances.set(lng, ready);
  }
  return (await ready).getFixedT(lng, ns);
}

/**
 * The instance a page is rendered with, one per language for the life of the process: it is only
 * read while rendering (no one changes its language), and making and initialising one per request
 * cost more than a third of a millisecond of every page.
 */
const renderers = new Map<Lng, Promise<I18n>>();
export function renderingI18n(lng: Lng): Promise<I18n> {
  let ready = renderers.get(lng);
  if (!ready) {
    const inst = createInstance();
    ready = inst
      .use(initReactI18next)
      .init({ ...allOptions, lng })
      .then(() => rememberPlainLookups(inst));
    renderers.set(lng, ready);
  }
  return ready;
}

/** The options a bound `t` (getFixedT, useTranslation) passes with every lookup: nothing that changes the text. */
const LOOKUP_ONLY = new Set(["lng", "lngs", "ns", "keyPrefix"]);
/** i18next's own options besides LOOKUP_ONLY: a call with any of these is always i18next's to answer. */
const I18NEXT_OPTION = /^(count|context|ordinal|replace|defaultValue.*|returnObjects|returnDetails|joinArrays|postProcess|interpolation|skipInterpolation|nsSeparator|keySeparator|fallbackLng)$/;
/** A placeholder i18next fills with the value as it is: `{{name}}`, no format, no unescape prefix. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const REMEMBERED_MAX = 20_000;
const ASK = Symbol("ask i18next");

interface Template {
  text: string;
  /** The names of its placeholders; null when i18next must fill it (a format, a nested `$t(`, an unescaped value). */
  names: string[] | null;
}

function templateOf(text: string): Template {
  if (text.includes("$t(")) return { text, names: null };
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const rest = text.replace(PLACEHOLDER, "");
  return { text, names: rest.includes("{{") ? null : names };
}

/**
 * The rendering instances never change language or catalogs (one per language for the life of the
 * process), so a key's text is the same every time. i18next still parses the key, walks the
 * namespaces and fallbacks and runs its interpolator on every call: a tenth of the queue page's
 * JavaScript, most of it for the same few dozen keys (docs/benchmarks.md, decision 076).
 *
 * Here a key's text is looked up by i18next once and kept. A call with no values gets it as it is;
 * a call whose values are all strings or numbers, and name every `{{placeholder}}` of a plain text,
 * gets it with them put in, as i18next puts them in (`escapeValue` is off: React escapes). Any call
 * with i18next's own options (a count, a context, a default, another language) or a text with
 * formats or nesting goes to i18next as before. Keys come from the code and the catalogs, so the map
 * stays small; it stops growing at REMEMBERED_MAX anyway.
 */
export function rememberPlainLookups(inst: I18n): I18n {
  const lookUp = inst.t.bind(inst) as unknown as (...args: unknown[]) => unknown;
  // Per namespace list, then per key.
  const remembered = new Map<string, Map<string, Template | null>>();
  let kept = 0;
  const nsKeyOf = (ns: unknown) => (Array.isArray(ns) ? ns.join(",") : ((ns as string | undefined) ?? ""));
  /** The text from memory, or ASK when the call is i18next's to answer. */
  const fromMemory = (key: string, ns: unknown, nsKey: string, options: Record<string, unknown> | undefined): string | typeof ASK => {
    let values: Record<string, string | number> | null = null;
    if (options) {
      for (const k in options) {
        const v = options[k];
        if (v === undefined || LOOKUP_ONLY.has(k)) continue;
        if (I18NEXT_OPTION.test(k) || (typeof v !== "string" && typeof v !== "number")) return ASK;
        (values ??= {})[k] = v;
      }
    }
    let ofNs = remembered.get(nsKey);
    if (!ofNs) remembered.set(nsKey, (ofNs = new Map()));
    let template = ofNs.get(key);
    if (template === undefined) {
      const text = lookUp(key, { ns });
      template = typeof text === "string" ? templateOf(text) : null;
      if (kept++ < REMEMBERED_MAX) ofNs.set(key, template);
    }
    if (template === null || template.names === null) return ASK;
    if (template.names.length === 0) return template.text;
    if (values === null || !template.names.every((n) => n in values!)) return ASK;
    const filled = values;
    return template.text.replace(PLACEHOLDER, (_, name: string) => String(filled[name]));
  };
  /** Options that name another language or a key prefix. */
  const elsewhere = (o: Record<string, unknown>) => (o.lng != null && o.lng !== inst.language) || o.lngs != null || Boolean(o.keyPrefix);
  /** A call in the instance's own language, with no prefix: the only kind kept. */
  const plainCall = (key: unknown, options: unknown, rest: unknown[]): options is Record<string, unknown> | undefined =>
    typeof key === "string" &&
    rest.length === 0 &&
    (options === undefined || (typeof options === "object" && options !== null)) &&
    // react-i18next binds `t` with no language (getFixedT(null, …)): lng absent, lngs null.
    !(options && elsewhere(options as Record<string, unknown>));

  inst.t = ((key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (!plainCall(key, options, rest)) return lookUp(key, options, ...rest);
    const text = fromMemory(key as string, options?.ns, nsKeyOf(options?.ns), options);
    return text === ASK ? lookUp(key, options) : text;
  }) as unknown as I18n["t"];

  // A bound `t` (useTranslation, getFixedT) went through i18next's own wrapper first, which copies
  // the options into a new object on every call: it now asks the memory itself, with its namespaces.
  type Bound = ((...args: unknown[]) => unknown) & { lng?: unknown; ns?: unknown; keyPrefix?: unknown };
  const fixedBy = inst.getFixedT.bind(inst) as unknown as (...args: unknown[]) => Bound;
  // One bound `t` per language and namespaces: every component that calls useTranslation asks for
  // one while it renders, and they never differ.
  const boundTs = new Map<string, Bound>();
  inst.getFixedT = ((lng: unknown, ns: unknown, keyPrefix: unknown, ...more: unknown[]) => {
    if (keyPrefix || more.length > 0 || (lng != null && lng !== inst.language)) return fixedBy(lng, ns, keyPrefix, ...more);
    const id = `${(lng as string | null | undefined) ?? ""}|${nsKeyOf(ns)}`;
    const kept = boundTs.get(id);
    if (kept) return kept;
    const fixed = fixedBy(lng, ns, keyPrefix);
    const nsKey = nsKeyOf(fixed.ns);
    const bound = (key: unknown, options?: unknown, ...rest: unknown[]) => {
      if (!plainCall(key, options, rest) || options?.ns !== undefined) return fixed(key, options, ...rest);
      const text = fromMemory(key as string, fixed.ns, nsKey, options);
      return text === ASK ? fixed(key, options) : text;
    };
    const made = Object.assign(bound, { lng: fixed.lng, ns: fixed.ns, keyPrefix: fixed.keyPrefix });
    if (boundTs.size < REMEMBERED_MAX) boundTs.set(id, made);
    return made;
  }) as unknown as I18n["getFixedT"];
  return inst;
}

// The namespaces of each section of the site, from the route modules' handles (set at start by
// server.js through entry.server's setRouteManifest). Without it (route modules called by tests),
// a section gets every namespace.
let bySection: Map<string, Namespace[]> | undefined;

export function setRouteNamespaces(routes: ServerBuild["routes"]) {
  bySection = new Map();
  for (const r of Object.values(routes)) {
    const section = sectionOf(`/${r.path ?? ""}`);
    const set = new Set(bySection.get(section) ?? []);
    for (const ns of (r.module as { handle?: I18nHandle }).handle?.i18n ?? []) if (isNamespace(ns)) set.add(ns);
    bySection.set(section, [...set]);
  }
}

/** What a browser needs for a path: `common`, its section's namespaces, and the namespace of a flash it shows. */
export function namespacesFor(pathname: string, flashKey?: string | null): Namespace[] {
  const wanted = new Set<Namespace>([defaultNS as Namespace, ...(bySection ? (bySection.get(sectionOf(pathname)) ?? []) : namespaces.filter((n) => n !== "api"))]);
  const ofFlash = flashKey ? namespaceOfKey(flashKey) : null;
  if (ofFlash) wanted.add(ofFlash);
  return namespaces.filter((n) => wanted.has(n));
}
