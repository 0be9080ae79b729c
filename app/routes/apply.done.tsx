import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatCode } from "../../workflows/application/code";
import { lastApplicationCookie } from "~/utils/cookies.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["apply"], title: "apply:done.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const last = (await lastApplicationCookie().parse(request.headers.get("Cookie"))) as { code: string; inn: string } | null;
  return { code: last?.code ? formatCode(last.code) : null };
}

export default function ApplyDone() {
  const { t } = useTranslation("apply");
  const { code } = useLoaderData<typeof loader>();
  if (!code) {
    return (
      <section aria-labelledby="done-title">
        <h1 id="done-title">{t("done.title")}</h1>
        <p>{t("done.expired")}</p>
        <Link to="/status">{t("done.status")}</Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="done-title">
      <h1 id="done-title">{t("done.title")}</h1>
      <p id="code-label">{t("done.codeLabel")}</p>
      <p><output className="code-big" aria-labelledby="code-label" data-testid="application-code">{code}</output></p>
      <p className="muted">{t("done.codeHint")}</p>
      <p>{t("done.next")}</p>
      <div className="actions">
        <a className="button" href="/apply/print" target="_blank" rel="noopener">{t("done.print")}</a>
        <Link className="button secondary" to="/status">{t("done.status")}</Link>
      </div>
    </section>
  );
}
