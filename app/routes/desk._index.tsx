import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { officeQueue } from "../../workflows";
import { Countdown } from "~/components/countdown";
import { FindForm } from "~/components/find-form";
import { TableLink, useTableLinks } from "~/components/table-links";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";
import { useFormat } from "~/utils/format";
import { db } from "~/utils/db.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["desk"], title: "desk:queue.title" } satisfies I18nHandle;

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const page = Math.max(1, Math.min(100_000, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  const now = new Date();
  const queue = await officeQueue(await db(), staff.user.officeCode!, now, { page, pageSize: PAGE_SIZE });
  type Queued = (typeof queue.decisions)[number];
  // What each table shows, and no more: the rows travel to the browser in the page. Instants as
  // epoch milliseconds: the formatters and the countdowns read numbers without parsing a string.
  // Written out, not spread: V8 copies a spread object slowly, about 3 µs a row.
  const decision = (q: Queued) => ({
    id: q.id,
    code: q.code,
    inn: q.inn,
    applicantName: q.applicantName,
    deadline: q.deadline,
    requestKind: q.requestKind,
    status: q.status,
    presentedAt: q.presentedAt?.getTime() ?? null,
    decisionWarnAt: q.decisionWarnAt?.getTime() ?? null,
    decisionDueAt: q.decisionDueAt?.getTime() ?? null,
  });
  const entry = (q: Queued) => ({
    id: q.id,
    code: q.code,
    inn: q.inn,
    applicantName: q.applicantName,
    deadline: q.deadline,
    incomingNumber: q.incomingNumber,
    acceptedAt: q.acceptedAt?.getTime() ?? null,
    entryWarnAt: q.entryWarnAt?.getTime() ?? null,
    entryDueAt: q.entryDueAt?.getTime() ?? null,
  });
  return {
    fullName: staff.user.fullName,
    now: now.getTime(),
    decisions: queue.decisions.map(decision),
    entries: queue.annulmentEntries.map(entry),
    total: queue.total,
    page: queue.page,
    pages: Math.max(1, Math.ceil(queue.total / queue.pageSize)),
  };
}

export default function DeskQueue() {
  const { t } = useTranslation(["desk", "common"]);
  const fmt = useFormat();
  const followLink = useTableLinks();
  const { fullName, now, decisions, entries, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="desk-title">
      <h1 id="desk-title">{t("queue.title")}</h1>
      <p className="muted">{t("queue.greeting", { name: fullName })}</p>
      <div className="panel">
        <FindForm />
      </div>

      <h2 id="decisions-title">{t("queue.decisionsTitle")}</h2>
      <p className="hint">{t("queue.decisionsHint")}</p>
      {decisions.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <table aria-labelledby="decisions-title" onClick={followLink}>
          <thead>
            <tr>
              <th scope="col">{t("queue.col.code")}</th>
              <th scope="col">{t("queue.col.inn")}</th>
              <th scope="col">{t("queue.col.name")}</th>
              <th scope="col">{t("queue.col.kind")}</th>
              <th scope="col">{t("queue.col.status")}</th>
              <th scope="col">{t("queue.col.presentedAt")}</th>
              <th scope="col">{t("queue.col.deadline")}</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((q) => (
              <tr key={q.id} className={`row-${q.deadline}`}>
                <td>
                  <TableLink to={`/desk/applications/${q.id}`} className="mono" aria-label={t("queue.open", { code: q.code })}>{q.code}</TableLink>
                </td>
                <td className="mono">{q.inn}</td>
                <td>{q.applicantName}</td>
                <td>{t(`kinds.${q.requestKind}`)}</td>
                <td>{t(`status.${q.status}`)}</td>
                <td>{fmt.instant(q.presentedAt)}</td>
                <td>
                  {q.decisionDueAt ? (
                    <Countdown dueAt={q.decisionDueAt} warnAt={q.decisionWarnAt} serverNow={now} serverState={q.deadline} label={q.code} />
                  ) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 || page > 1 ? (
        <nav className="pagination" aria-label={t("queue.pagination")}>
          {page > 1 ? <Link to={`?page=${page - 1}`} rel="prev">← {t("queue.prev")}</Link> : null}
          <span aria-current="page">{t("queue.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={`?page=${page + 1}`} rel="next">{t("queue.next")} →</Link> : null}
          <span className="muted">{t("queue.total", { count: total })}</span>
        </nav>
      ) : null}

      <h2 id="entries-title">{t("queue.entriesTitle")}</h2>
      <p className="hint">{t("queue.entriesHint")}</p>
      {entries.length === 0 ? (
        <p>{t("queue.entriesEmpty")}</p>
      ) : (
        <table aria-labelledby="entries-title" onClick={followLink}>
          <thead>
            <tr>
              <th scope="col">{t("queue.col.code")}</th>
              <th scope="col">{t("queue.col.inn")}</th>
              <th scope="col">{t("queue.col.name")}</th>
              <th scope="col">{t("queue.col.incoming")}</th>
              <th scope="col">{t("queue.col.acceptedAt")}</th>
              <th scope="col">{t("queue.col.entryDue")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((q) => (
              <tr key={q.id} className={`row-${q.deadline}`}>
                <td>
                  <TableLink to={`/desk/applications/${q.id}`} className="mono" aria-label={t("queue.open", { code: q.code })}>{q.code}</TableLink>
                </td>
                <td className="mono">{q.inn}</td>
                <td>{q.applicantName}</td>
                <td className="mono">{q.incomingNumber}</td>
                <td>{fmt.instant(q.acceptedAt)}</td>
                <td>
                  {fmt.entryDeadline(t, q.entryDueAt)}{" "}
                  {q.entryDueAt ? (
                    <Countdown
                      dueAt={q.entryDueAt}
                      warnAt={q.entryWarnAt}
                      serverNow={now}
                      serverState={q.deadline}
                      label={q.code}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
