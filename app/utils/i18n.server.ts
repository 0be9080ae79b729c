import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { fallbackLng, i18nOptions, isLng, type Lng } from "./i18n";
import { languageCookie } from "./cookies.server";

/** The language of a request: the cookie the switcher sets, else Russian (the office language). */
export async function getLocale(request: Request): Promise<Lng> {
  const fromQuery = new URL(request.url).searchParams.get("lng");
  if (isLng(fromQuery)) return fromQuery;
  const fromCookie = await languageCookie().parse(request.headers.get("Cookie"));
  return isLng(fromCookie) ? fromCookie : fallbackLng;
}

export async function getFixedT(request: Request, ns?: string | string[]): Promise<TFunction> {
  const lng = await getLocale(request);
  return translatorFor(lng, ns);
}

const instances = new Map<string, Promise<ReturnType<typeof createInstance>>>();
export async function translatorFor(lng: Lng, ns?: string | string[]): Promise<TFunction> {
  let ready = instances.get(lng);
  if (!ready) {
    const inst = createInstance();
    ready = inst.init({ ...i18nOptions, lng }).then(() => inst);
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
      .init({ ...i18nOptions, lng })
      .then(() => inst);
    renderers.set(lng, ready);
  }
  return ready;
}
