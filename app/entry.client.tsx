import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { ensureCatalogs } from "./utils/catalogs";
import { fallbackLng, i18nOptions } from "./utils/i18n";

async function hydrate() {
  // The server chose the language (<html lang>) and the namespaces of the page's section (root.tsx
  // writes both); only those catalogs are fetched, before hydration, so the first render matches.
  const lng = document.documentElement.lang || fallbackLng;
  const namespaces = (document.querySelector<HTMLMetaElement>('meta[name="i18n-namespaces"]')?.content ?? "common").split(",");
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng });
  await ensureCatalogs(i18next, lng, namespaces);
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate();
