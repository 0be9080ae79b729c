import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
  type ClientLoaderFunctionArgs,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import i18next from "i18next";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "./components/csrf-input";
import { FlashMessage } from "./components/flash-message";
import { useNonce } from "./components/nonce";
import styles from "./styles.css?url";
import { getSession } from "./utils/auth.server";
import { csrfToken } from "./utils/csrf.server";
import { OFFICE_TIME_ZONE } from "./utils/dates";
import { readFlash } from "./utils/flash.server";
import { ensureCatalogs } from "./utils/catalogs";
import { sectionOf, supportedLngs, type I18nHandle } from "./utils/i18n";
import { getLocale, namespacesFor } from "./utils/i18n.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [lng, csrf, staff, flash] = await Promise.all([getLocale(request), csrfToken(request), getSession(request), readFlash(request)]);
  const headers = new Headers();
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  if (flash.setCookie) headers.append("Set-Cookie", flash.setCookie);
  return data(
    {
      lng,
      // The catalogs the browser needs for this section of the site, in this language (decision 058).
      namespaces: namespacesFor(new URL(request.url).pathname, flash.flash?.key),
      csrf: csrf.token,
      flash: flash.flash,
      // A session whose second step is not done shows only who it is and the sign-out (decision 065).
      user: staff
        ? { fullName: staff.user.fullName, role: staff.user.role, officeCode: staff.user.officeCode, pending: staff.secondFactor.step !== "done" }
        : null,
      // The zone staff pages show times in: the signed-in member's office, else the default.
      timeZone: staff?.user.officeTimeZone ?? OFFICE_TIME_ZONE,
    },
    { headers },
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

/**
 * The root's data holds the section's catalogs: besides Remix's own reasons (an action, a changed
 * search), it is asked again when the user moves to another section of the site.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || sectionOf(currentUrl.pathname) !== sectionOf(nextUrl.pathname);

/** In the browser, the catalogs a new section or language needs are fetched before it renders. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const root = await serverLoader<typeof loader>();
  await ensureCatalogs(i18next, root.lng, root.namespaces);
  return root;
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/** One button per other language, each named in its own language. */
function LanguageSwitch({ lng }: { lng: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      {supportedLngs
        .filter((other) => other !== lng)
        .map((other) => (
          <Form key={other} method="post" action="/set-language" className="inline">
            <CsrfInput />
            <input type="hidden" name="lng" value={other} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" className="link-button" lang={other}>
              {t(`language.switchTo.${other}`)}
            </button>
          </Form>
        ))}
    </>
  );
}

/** The document title: the deepest page's own (its handle), else the application's name. */
function DocumentTitle() {
  const { t } = useTranslation();
  const matches = useMatches();
  const key = [...matches].reverse().map((m) => (m.handle as I18nHandle | undefined)?.title).find(Boolean) ?? "common:app.name";
  return <title>{t(key)}</title>;
}

function Header() {
  const { t } = useTranslation();
  const root = useRootData();
  const user = root?.user;
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <div className="brand">
        <a href="/">{t("app.name")}</a>
        {user?.officeCode ? <span className="office-badge">{t("nav.office", { code: user.officeCode })}</span> : null}
      </div>
      <nav aria-label={t("nav.main")}>
        <ul>
          {user && !user.pending && user.role !== "admin" ? (
            <>
              <li><NavLink to="/desk" end>{t("nav.desk")}</NavLink></li>
              <li><NavLink to="/desk/search">{t("nav.search")}</NavLink></li>
              {user.role === "supervisor" ? (
                <>
                  <li><NavLink to="/desk/approvals">{t("nav.approvals")}</NavLink></li>
                  <li><NavLink to="/desk/board">{t("nav.board")}</NavLink></li>
                  <li><NavLink to="/desk/stats">{t("nav.stats")}</NavLink></li>
                </>
              ) : null}
            </>
          ) : null}
          {user && !user.pending && user.role === "admin" ? (
            <>
              <li><NavLink to="/admin" end>{t("nav.admin")}</NavLink></li>
              <li><NavLink to="/admin/offices">{t("nav.offices")}</NavLink></li>
              <li><NavLink to="/admin/staff">{t("nav.staff")}</NavLink></li>
              <li><NavLink to="/admin/registry">{t("nav.registry")}</NavLink></li>
              <li><NavLink to="/admin/journal">{t("nav.journal")}</NavLink></li>
              <li><NavLink to="/admin/api-clients">{t("nav.apiClients")}</NavLink></li>
              <li><NavLink to="/admin/notices">{t("nav.notices")}</NavLink></li>
            </>
          ) : null}
          {!user ? (
            <>
              <li><NavLink to="/apply">{t("nav.apply")}</NavLink></li>
              <li><NavLink to="/status">{t("nav.status")}</NavLink></li>
              <li><NavLink to="/refuse">{t("nav.refuse")}</NavLink></li>
            </>
          ) : null}
        </ul>
      </nav>
      <div className="user-box">
        {root ? <LanguageSwitch lng={root.lng} /> : null}
        {user ? (
          <>
            {user.pending ? <span className="user-name">{user.fullName}</span> : <a href="/account/password" className="user-name">{user.fullName}</a>}
            <Form method="post" action="/logout" className="inline">
              <CsrfInput />
              <button type="submit" className="secondary">{t("nav.signOut")}</button>
            </Form>
          </>
        ) : (
          <a href="/login">{t("nav.signIn")}</a>
        )}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const nonce = useNonce();
  const { i18n } = useTranslation();
  // Says that the page is interactive, an error page too: browser tests wait for it where a click
  // before hydration would take the no-JavaScript path (a native post) instead of the one they check.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  // A client-side navigation after the language switch brings the new language in the root data;
  // its catalogs were fetched before (clientLoader), so the switch is immediate.
  if (root?.lng && i18n.language !== root.lng) void i18n.changeLanguage(root.lng);
  return (
    <html lang={root?.lng ?? i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="i18n-namespaces" content={(root?.namespaces ?? ["common"]).join(",")} />
        <DocumentTitle />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main" tabIndex={-1}>
          {root?.flash ? <FlashMessage flash={root.flash} /> : null}
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("errors.unexpected.title");
  let text = t("errors.unexpected.text");
  if (isRouteErrorResponse(error)) {
    const known = [400, 403, 404, 409, 429];
    const status = known.includes(error.status) ? error.status : 500;
    title = t(`errors.http.${status}.title`);
    text = t(`errors.http.${status}.text`);
  } else {
    console.error(error);
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p><a href="/">{t("errors.home")}</a></p>
    </section>
  );
}
