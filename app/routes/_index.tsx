import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSession, homeOf, secondStepPath } from "~/utils/auth.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["public"], title: "public:home.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (session) throw redirect(session.secondFactor.step === "done" ? homeOf(session.user.role) : secondStepPath(session.secondFactor.step));
  return null;
}

export default function Index() {
  const { t } = useTranslation("public");
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t("home.title")}</h1>
      <p>{t("home.intro")}</p>
      <div className="grid-2">
        <div className="panel">
          <h2>{t("home.apply.title")}</h2>
          <p>{t("home.apply.text")}</p>
          <Link className="button" to="/apply">{t("home.apply.action")}</Link>
        </div>
        <div className="panel">
          <h2>{t("home.status.title")}</h2>
          <p>{t("home.status.text")}</p>
          <Link className="button secondary" to="/status">{t("home.status.action")}</Link>
        </div>
      </div>
    </section>
  );
}
