import type { i18n as I18n } from "i18next";

/**
 * The browser's catalogs: each language × namespace is a chunk of its own, fetched when a page of
 * that language and section first needs it and cached by the browser with the build's hash (the
 * server holds every catalog itself, i18n.server.ts). `api` is the API's and never needed here.
 */
const chunks = import.meta.glob<{ default: Record<string, unknown> }>(["../locales/*/*.json", "!../locales/*/api.json"]);

/** Loads the catalogs an i18next instance lacks for a page, before the page renders. */
export async function ensureCatalogs(i18n: I18n, lng: string, namespaces: readonly string[]): Promise<void> {
  await Promise.all(
    namespaces
      .filter((ns) => !i18n.hasResourceBundle(lng, ns))
      .map(async (ns) => {
        const load = chunks[`../locales/${lng}/${ns}.json`];
        if (load) i18n.addResourceBundle(lng, ns, (await load()).default, true, true);
      }),
  );
}
