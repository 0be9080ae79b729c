import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator, type ClientLoaderFunctionArgs } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { importRegistryCsv, recentImports, type ImportProgress, type ImportReport } from "../../workflows/registry";
import { UPLOAD_BODY_LIMIT } from "../../server/guards.js";
import { CsrfInput } from "~/components/csrf-input";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { assertCsrf, CSRF_FIELD } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { actionError } from "~/utils/errors.server";
import { useFormat } from "~/utils/format";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["admin"], title: "admin:registry.title" } satisfies I18nHandle;

/** How often the page looks at a running import's progress. */
const PROGRESS_POLL_MS = 1500;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  return { imports: await recentImports(await db(), admin.actor), maxBytes: UPLOAD_BODY_LIMIT };
}

/**
 * The file is not buffered: the multipart stream is handed to the importer as it arrives. The form
 * puts the CSRF field before the file, so the token is checked before a single row is read. An
 * upload that breaks off fails the import, which then changes nothing (decision 054).
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new Response("Send the file as multipart/form-data", { status: 400 });
  }
  const database = await db();
  const declared = Number(request.headers.get("content-length"));
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
      report = await importRegistryCsv(database, admin.actor, chunks, {
        fileName: filename,
        bytesTotal: Number.isFinite(declared) && declared > 0 ? declared : null,
        signal: request.signal,
      });
      return filename;
    }
    for await (const _ of chunks) {
      // drain fields we do not use
    }
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    return actionError(error, { extra: { report: null } });
  }
  if (!report) return data({ ok: false as const, error: { key: "registry.noFile", code: "validation", details: {} }, fields: {}, report: null }, { status: 400 });
  return { ok: true as const, report: report as ImportReport, error: null };
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** A running import: how much of the file has been read, as a bar when the size is known. */
function Progress({ run }: { run: ImportProgress }) {
  const { t } = useTranslation("admin");
  const share = run.bytesTotal ? Math.min(1, run.bytesRead / run.bytesTotal) : null;
  return (
    <div role="status" aria-live="polite" data-testid="import-progress">
      <p>
        {t("registry.progress.running", { fileName: run.fileName ?? "—", rows: run.rowsRead, read: megabytes(run.bytesRead) })}
        {run.bytesTotal ? ` ${t("registry.progress.ofTotal", { total: megabytes(run.bytesTotal) })}` : null}
      </p>
      {share !== null ? <progress max={1} value={share} aria-label={t("registry.progress.label")}>{Math.round(share * 100)} %</progress> : null}
    </div>
  );
}

function ImportsTable({ imports }: { imports: ImportProgress[] }) {
  const { t } = useTranslation("admin");
  const f = useFormat();
  if (imports.length === 0) return null;
  return (
    <table data-testid="imports">
      <caption>{t("registry.history.title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("registry.history.started")}</th>
          <th scope="col">{t("registry.history.file")}</th>
          <th scope="col">{t("registry.history.by")}</th>
          <th scope="col">{t("registry.history.status")}</th>
          <th scope="col" className="num">{t("registry.history.rows")}</th>
          <th scope="col">{t("registry.history.outcome")}</th>
        </tr>
      </thead>
      <tbody>
        {imports.map((run) => (
          <tr key={run.id}>
            <td>{f.instant(run.startedAt)}</td>
            <td>{run.fileName ?? "—"}</td>
            <td>{run.startedBy ?? t("registry.history.system")}</td>
            <td>{t(`registry.status.${run.status}`)}</td>
            <td className="num">{run.rowsRead}</td>
            <td>
              {run.status === "completed" && run.report
                ? t("registry.history.completed", { inserted: run.report.inserted, updated: run.report.updated, rejected: run.report.rejected })
                : run.failure
                  ? t(run.failure)
                  : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The page's progress polls and the reload after an upload ask the server for the list again. If
 * that request cannot reach it (the process is shutting down and finishes the upload first), the
 * page keeps the list it last had instead of replacing the upload's answer with an error page.
 */
let lastLoaded: Awaited<ReturnType<typeof loader>> | undefined;
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  try {
    lastLoaded = await serverLoader<typeof loader>();
    return lastLoaded;
  } catch (error) {
    if (error instanceof TypeError && lastLoaded) return lastLoaded;
    throw error;
  }
}

export default function AdminRegistry() {
  const { t } = useTranslation("admin");
  const loaded = useLoaderData<typeof loader>();
  // What the server sent with the page is what a failed poll falls back to (clientLoader above).
  lastLoaded = loaded as unknown as typeof lastLoaded;
  const { imports, maxBytes } = loaded;
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const progress = useFetcher<typeof loader>();
  const revalidator = useRevalidator();
  const shown = busy && progress.data ? progress.data.imports : imports;
  const running = shown.find((run) => run.status === "running");

  // While this page uploads, or another administrator's import runs, its progress is fetched
  // again and again: the upload's own request answers only at the end.
  const isRunning = Boolean(running);
  useEffect(() => {
    if (!busy && !isRunning) return;
    const timer = setInterval(() => {
      if (busy) progress.load("/admin/registry");
      else if (revalidator.state === "idle") revalidator.revalidate();
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [busy, isRunning, progress, revalidator]);

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
        <p className="hint">{t("registry.limit", { size: Math.round(maxBytes / (1024 * 1024)) })}</p>
        <div className="actions"><button type="submit" disabled={busy || isRunning}>{busy ? t("registry.importing") : t("registry.import")}</button></div>
      </Form>
      {running ? <Progress run={running} /> : null}
      {result?.error ? <p className="flash flash-error" role="alert">{t(result.error.key, result.error.details)}</p> : null}
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
      <ImportsTable imports={shown} />
    </section>
  );
}
