import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { importRegistryCsv, type ImportReport } from "../../workflows/registry";
import { CsrfInput } from "~/components/csrf-input";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { assertCsrf, CSRF_FIELD } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Реестр налогоплательщиков · Registry" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ADMIN_ROLES);
  return null;
}

/**
 * The file is not buffered: the multipart stream is handed to the importer as it arrives. The form
 * puts the CSRF field before the file, so the token is checked before a single row is read.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new Response("Send the file as multipart/form-data", { status: 400 });
  }
  const database = await db();
  let csrf: string | null = null;
  let report: ImportReport | null = null;
  const handler: UploadHandler = async ({ name, filename, data: chunks }) => {
    if (name === CSRF_FIELD) {
      let text = "";
      for await (const chunk of chunks) text += Buffer.from(chunk).toString("utf8");
      csrf = text;
      return text;
    }
    if (name === "file" && filename) {
      await assertCsrf(request, csrf);
      report = await importRegistryCsv(database, admin.actor, chunks, { fileName: filename });
      return filename;
    }
    for await (const _ of chunks) {
      // drain fields we do not use
    }
    return undefined;
  };
  await unstable_parseMultipartFormData(request, handler);
  if (!report) return data({ report: null, error: "registry.noFile" }, { status: 400 });
  return { report: report as ImportReport, error: null };
}

export default function AdminRegistry() {
  const { t } = useTranslation("admin");
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const report = result?.report;
  return (
    <section aria-labelledby="registry-title">
      <h1 id="registry-title">{t("registry.title")}</h1>
      <p>{t("registry.intro")}</p>
      <pre className="panel" aria-label={t("registry.formatLabel")}>inn,name,subject_type,office_code,registration_status{"\n"}21505199012345,Асанов Бакыт Жумабекович,individual,002,registered</pre>
      <Form method="post" encType="multipart/form-data" className="stack">
        <CsrfInput />
        <label>
          {t("registry.file")}
          <input type="file" name="file" accept=".csv,text/csv" required />
        </label>
        <div className="actions"><button type="submit" disabled={busy}>{busy ? t("registry.importing") : t("registry.import")}</button></div>
      </Form>
      {result?.error ? <p className="flash flash-error" role="alert">{t(result.error)}</p> : null}
      {report ? (
        <div role="status" aria-labelledby="report-title">
          <h2 id="report-title">{t("registry.report.title")}</h2>
          <dl className="facts">
            <dt>{t("registry.report.rows")}</dt><dd>{report.rows}</dd>
            <dt>{t("registry.report.inserted")}</dt><dd>{report.inserted}</dd>
            <dt>{t("registry.report.updated")}</dt><dd>{report.updated}</dd>
            <dt>{t("registry.report.unchanged")}</dt><dd>{report.unchanged}</dd>
            <dt>{t("registry.report.rejected")}</dt><dd>{report.rejected}</dd>
            <dt>{t("registry.report.elapsed")}</dt><dd>{(report.elapsedMs / 1000).toFixed(2)} s</dd>
          </dl>
          {report.errors.length > 0 ? (
            <table>
              <caption>{t("registry.report.errors", { count: report.errorCount })}</caption>
              <thead><tr><th scope="col" className="num">{t("registry.report.line")}</th><th scope="col">{t("registry.report.field")}</th><th scope="col">{t("registry.report.problem")}</th><th scope="col">{t("registry.report.value")}</th></tr></thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={i}><td className="num">{e.line}</td><td>{e.field ?? "—"}</td><td>{t(e.messageKey, e.params)}</td><td>{e.value ?? ""}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {report.errorsOmitted > 0 ? <p>{t("registry.report.omitted", { count: report.errorsOmitted })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
