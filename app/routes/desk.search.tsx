import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { searchSubjects } from "../../workflows/subject";
import extraStyles from "~/styles-extra.css?url";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { I18nHandle } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: extraStyles }];
export const handle = { i18n: ["subject"], title: "subject:search.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 200);
  const page = Math.min(10_000, Math.max(1, Number(url.searchParams.get("page")) || 1));
  const result = await searchSubjects(await db(), q, { page, pageSize: 25 });
  return { q, result, officeCode: staff.user.officeCode };
}

export default function DeskSearch() {
  const { t } = useTranslation(["subject", "common"]);
  const { q, result, officeCode } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const href = (page: number) => `/desk/search?${new URLSearchParams({ q, page: String(page) })}`;
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t("search.title")}</h1>
      <Form method="get" className="search-box" role="search">
        <div className="field">
          <label htmlFor="search-q">{t("search.label")}</label>
          <span className="hint" id="search-hint">{t("search.hint")}</span>
          <input id="search-q" type="search" name="q" defaultValue={q} aria-describedby="search-hint" autoComplete="off" maxLength={200} />
        </div>
        <button type="submit">{t("common:common.search")}</button>
      </Form>
      {result.kind ? (
        <>
          <p role="status">{t("search.found", { count: result.total, kind: t(`search.kinds.${result.kind}`) })}</p>
          {result.hits.length > 0 ? (
            <table>
              <caption className="sr-only">{t("search.caption", { q })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.inn")}</th>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("fields.subjectType")}</th>
                  <th scope="col">{t("fields.office")}</th>
                  <th scope="col">{t("fields.registration")}</th>
                  <th scope="col">{t("fields.login")}</th>
                  <th scope="col">{t("fields.account")}</th>
                </tr>
              </thead>
              <tbody>
                {result.hits.map((h) => (
                  <tr key={h.inn}>
                    <td><Link to={`/desk/subjects/${h.inn}`}>{h.inn}</Link></td>
                    <td>{h.name}</td>
                    <td>{t(`common:subjectTypes.${h.subjectType}`)}</td>
                    <td>{h.officeName ?? h.officeCode ?? "—"}{h.officeCode && h.officeCode !== officeCode ? <span className="sr-only"> {t("search.otherOffice")}</span> : null}</td>
                    <td>{h.registrationStatus ? t(`common:registrationStatus.${h.registrationStatus}`) : t("card.notInRegistry")}</td>
                    <td className="mono">{h.login ?? "—"}</td>
                    <td>{h.accountStatus ? <span className={`badge ${h.accountStatus === "active" ? "badge-ok" : h.accountStatus === "suspended" || h.accountStatus === "locked" ? "badge-warning" : "badge-bad"}`}>{t(`accountStatus.${h.accountStatus}`)}</span> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {pages > 1 ? (
            <nav className="pagination" aria-label={t("search.pages")}>
              {result.page > 1 ? <Link to={href(result.page - 1)} rel="prev">{t("common:common.previous")}</Link> : null}
              <span>{t("search.pageOf", { page: result.page, pages })}</span>
              {result.page < pages ? <Link to={href(result.page + 1)} rel="next">{t("common:common.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
