import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifyDocument } from "../../workflows/documents";
import { StandingText } from "~/components/standing-text";
import { db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["verify"], title: "verify:title" } satisfies I18nHandle;

/** The page every printed QR code opens: genuine or not, and only what the paper shows anyway. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const hash = new URL(request.url).searchParams.get("h") ?? "";
  const result = await verifyDocument(await db(), params.id ?? "", hash, new Date());
  return data(result, { status: result.genuine ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

export default function VerifyDocument() {
  const { t } = useTranslation("verify");
  const v = useLoaderData<typeof loader>();
  const fmt = useFormat(v.timeZone);
  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">{t("title")}</h1>
      {v.genuine ? (
        <div className="panel" role="status">
          <p><span className="badge badge-ok" data-testid="verdict">{t("genuine")}</span></p>
          <dl className="facts">
            <dt>{t("kind")}</dt><dd>{t(`kinds.${v.kind}`)}</dd>
            <dt>{t("number")}</dt><dd>{v.number}</dd>
            <dt>{t("issuedAt")}</dt><dd>{fmt.instant(v.issuedAt)}</dd>
            <dt>{t("office")}</dt><dd>{v.officeName ?? t("online")}</dd>
            <dt>{t("outcome")}</dt><dd>{t(`outcomes.${v.outcome}`)}</dd>
            {v.reprints > 0 ? (<><dt>{t("reprints")}</dt><dd>{v.reprints}</dd></>) : null}
            {v.anchoring ? (
              <><dt>{t("anchoring")}</dt><dd data-testid="anchoring">{v.anchoring.anchored ? t("anchored", { at: fmt.instant(v.anchoring.tsaTime), serial: v.anchoring.serial }) : t("notAnchored")}</dd></>
            ) : null}
            {v.standing ? (<><dt>{t("standing")}</dt><dd><StandingText standing={v.standing} fmt={fmt} /></dd></>) : null}
          </dl>
        </div>
      ) : (
        <div className="panel" role="alert">
          <p><span className="badge badge-bad" data-testid="verdict">{t("notGenuine")}</span></p>
          <p>{t("notGenuineText")}</p>
        </div>
      )}
    </section>
  );
}
