import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { clockState, officeQueue, pendingApprovals, proposalClock } from "../../workflows";
import { pendingCorrections } from "../../workflows/corrections";
import { waitingHandOvers } from "../../workflows/handover";
import { lifecycleConfig } from "../../workflows/lifecycle/config";
import { jurisdictionOf } from "../../workflows/subject/jurisdiction";
import { officesOverview } from "../../workflows/subject/oversight";
import { Countdown } from "~/components/countdown";
import extraStyles from "~/styles-extra.css?url";
import { SUPERVISOR_ROLES, requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { officeOfRequest, readInSight } from "~/utils/jurisdiction.server";
import { useFormat } from "~/utils/format";
import type { I18nHandle } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: extraStyles }];
export const handle = { i18n: ["supervisor", "subject", "desk"], title: "supervisor:board.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, SUPERVISOR_ROLES);
  const url = new URL(request.url);
  const page = Math.min(10_000, Math.max(1, Number(url.searchParams.get("page")) || 1));
  const now = new Date();
  const database = await db();
  // Decision 067: a regional or national supervisor picks any office they see; acting stays with their own.
  const scope = await jurisdictionOf(database, staff.actor);
  const office = officeOfRequest(scope, url.searchParams.get("office")).code;
  const [queue, proposals, handOvers, corrections, overview] = await readInSight(
    Promise.all([
      officeQueue(database, office, now, { page, pageSize: 50 }),
      pendingApprovals(database, staff.actor, now, office),
      waitingHandOvers(database, office, now),
      pendingCorrections(database, staff.actor, now, office),
      scope.offices.length > 1 ? officesOverview(database, staff.actor, now) : Promise.resolve([]),
    ]),
  );
  return {
    office,
    home: scope.home,
    offices: scope.offices.map((o) => ({ code: o.code, name: o.name })),
    overview,
    now: now.getTime(),
    queue,
    handOvers,
    handOverDueMinutes: lifecycleConfig.handOverDueMinutes,
    // Decision 063: revocations and liftings waiting for the office's second supervisor.
    corrections: corrections.map((c) => ({ id: c.id, kind: c.kind, inn: c.subjectInn, outcome: c.decisionOutcome, target: c.decisionNumber ?? c.evidenceDocument, proposedAt: c.proposedAt, proposedByName: c.proposedByName })),
    proposals: proposals.map((p) => {
      const clock = proposalClock(p.proposedAt);
      return { annulmentId: p.annulmentId, inn: p.inn, proposedAt: p.proposedAt, proposedByName: p.proposedByName, warnAt: clock.warnAt.toISOString(), dueAt: clock.dueAt.toISOString(), state: clockState(clock, now) };
    }),
  };
}

export default function DeadlineBoard() {
  const { t } = useTranslation(["supervisor", "subject", "common"]);
  const fmt = useFormat();
  const { office, home, offices, overview, now, queue, proposals, handOvers, handOverDueMinutes, corrections } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
  // Only the supervisor's own office's records open from here: another's would answer 403 (R13).
  const mine = office === home;
  const open = (to: string, text: string) => (mine ? <Link to={to}>{text}</Link> : text);
  const pageLink = (n: number) => `/desk/board?${new URLSearchParams({ ...(mine ? {} : { office }), page: String(n) })}`;
  const nameOf = (code: string) => offices.find((o) => o.code === code)?.name ?? code;
  const rowClass = (s: string) => (s === "overdue" ? "row-overdue" : s === "warning" ? "row-warning" : undefined);
  return (
    <section aria-labelledby="board-title">
      <h1 id="board-title">{t("board.title")}{offices.length > 1 ? ` — ${office}` : ""}</h1>
      <p className="muted">{t("board.intro")}</p>
      {overview.length > 0 ? (
        <>
          <h2 id="board-offices">{t("board.offices.title", { count: overview.length })}</h2>
          <table aria-labelledby="board-offices" data-testid="board-offices">
            <thead>
              <tr>
                <th scope="col">{t("scope.office")}</th><th scope="col" className="num">{t("board.offices.open")}</th><th scope="col" className="num">{t("board.offices.warning")}</th>
                <th scope="col" className="num">{t("board.offices.overdue")}</th><th scope="col" className="num">{t("board.offices.proposals")}</th>
                <th scope="col" className="num">{t("board.offices.corrections")}</th><th scope="col" className="num">{t("board.offices.handOvers")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.map((o) => (
                <tr key={o.officeCode} className={o.overdue > 0 ? "row-overdue" : o.warning > 0 ? "row-warning" : undefined} aria-current={o.officeCode === office ? "true" : undefined}>
                  <th scope="row"><Link to={o.officeCode === home ? "/desk/board" : `/desk/board?office=${o.officeCode}`}>{o.officeCode} — {nameOf(o.officeCode)}</Link></th>
                  <td className="num">{o.open}</td><td className="num">{o.warning}</td><td className="num">{o.overdue}</td>
                  <td className="num">{o.proposals}</td><td className="num">{o.corrections}</td><td className="num">{o.handOvers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {!mine ? <p className="flash flash-info" role="note" data-testid="view-only">{t("board.viewOnly", { office: `${office} — ${nameOf(office)}` })}</p> : null}

      <h2 id="board-decisions">{t("board.decisions", { count: queue.total })}</h2>
      {queue.decisions.length === 0 ? <p>{t("board.noDecisions")}</p> : (
        <table aria-labelledby="board-decisions">
          <thead>
            <tr><th scope="col">{t("subject:fields.inn")}</th><th scope="col">{t("subject:fields.name")}</th><th scope="col">{t("subject:fields.status")}</th><th scope="col">{t("board.presentedAt")}</th><th scope="col">{t("board.deadline")}</th></tr>
          </thead>
          <tbody>
            {queue.decisions.map((q) => (
              <tr key={q.id} className={rowClass(q.deadline)} data-state={q.deadline}>
                <td>{open(`/desk/applications/${q.id}`, q.inn)}</td>
                <td>{q.applicantName}</td>
                <td>{t(`subject:appStatus.${q.status}`, { defaultValue: q.status })}</td>
                <td>{fmt.instant(q.presentedAt)}</td>
                <td>{q.decisionDueAt ? <Countdown dueAt={String(q.decisionDueAt)} warnAt={q.decisionWarnAt ? String(q.decisionWarnAt) : null} serverNow={now} serverState={q.deadline} label={q.inn} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("board.pages")}>
          {queue.page > 1 ? <Link to={pageLink(queue.page - 1)} rel="prev">{t("common:common.previous")}</Link> : null}
          <span>{t("board.pageOf", { page: queue.page, pages })}</span>
          {queue.page < pages ? <Link to={pageLink(queue.page + 1)} rel="next">{t("common:common.next")}</Link> : null}
        </nav>
      ) : null}

      <h2 id="board-entries">{t("board.entries", { count: queue.annulmentEntries.length })}</h2>
      {queue.annulmentEntries.length === 0 ? <p>{t("board.noEntries")}</p> : (
        <table aria-labelledby="board-entries">
          <thead><tr><th scope="col">{t("subject:fields.inn")}</th><th scope="col">{t("subject:fields.name")}</th><th scope="col">{t("subject:fields.incomingNumber")}</th><th scope="col">{t("board.deadline")}</th></tr></thead>
          <tbody>
            {queue.annulmentEntries.map((q) => (
              <tr key={q.id} className={rowClass(q.deadline)} data-state={q.deadline}>
                <td>{open(`/desk/applications/${q.id}`, q.inn)}</td>
                <td>{q.applicantName}</td>
                <td>{q.incomingNumber ?? "—"}</td>
                <td>{q.entryDueAt ? <>{fmt.entryDeadline(t, q.entryDueAt)} <Countdown dueAt={String(q.entryDueAt)} warnAt={q.entryWarnAt ? String(q.entryWarnAt) : null} serverNow={now} serverState={q.deadline} label={q.inn} /></> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="board-hand-overs">{t("board.handOver.title", { count: handOvers.total })}</h2>
      <p className="muted">{t("board.handOver.intro", { minutes: handOverDueMinutes })}</p>
      {handOvers.items.length === 0 ? <p>{t("board.handOver.none")}</p> : (
        <table aria-labelledby="board-hand-overs" data-testid="hand-overs">
          <thead><tr><th scope="col">{t("subject:fields.inn")}</th><th scope="col">{t("subject:fields.name")}</th><th scope="col">{t("board.handOver.number")}</th><th scope="col">{t("board.handOver.decidedAt")}</th><th scope="col">{t("board.handOver.state")}</th></tr></thead>
          <tbody>
            {handOvers.items.map((h) => (
              <tr key={h.decisionId} className="row-warning">
                <td>{open(`/desk/applications/${h.applicationId}`, h.inn)}</td>
                <td>{h.applicantName}</td>
                <td className="mono">{h.number}</td>
                <td>{fmt.instant(h.decidedAt)}</td>
                <td>{t(`board.handOver.states.${h.handOver}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="board-proposals">{t("board.proposals", { count: proposals.length })}</h2>
      {proposals.length === 0 ? <p>{t("board.noProposals")}</p> : (
        <table aria-labelledby="board-proposals">
          <thead><tr><th scope="col">{t("subject:fields.inn")}</th><th scope="col">{t("approvals.proposed")}</th><th scope="col">{t("board.waiting")}</th></tr></thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.annulmentId} className={rowClass(p.state)} data-state={p.state}>
                <td>{open("/desk/approvals", p.inn)}</td>
                <td>{fmt.instant(p.proposedAt)} — {p.proposedByName ?? "—"}</td>
                <td><Countdown dueAt={p.dueAt} warnAt={p.warnAt} serverNow={now} serverState={p.state} label={p.inn} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="board-corrections">{t("board.corrections", { count: corrections.length })}</h2>
      {corrections.length === 0 ? <p>{t("corrections.empty")}</p> : (
        <table aria-labelledby="board-corrections" data-testid="board-corrections">
          <thead><tr><th scope="col">{t("subject:fields.inn")}</th><th scope="col">{t("corrections.what")}</th><th scope="col">{t("approvals.proposed")}</th></tr></thead>
          <tbody>
            {corrections.map((c) => (
              <tr key={c.id}>
                <td>{open("/desk/approvals", c.inn)}</td>
                <td>{c.kind === "revoke_decision" ? t(`corrections.kinds.revoke_decision.${c.outcome ?? "granted"}`) : t("corrections.kinds.lift_evidence")}: <span className="mono">{c.target ?? "—"}</span></td>
                <td>{fmt.instant(c.proposedAt)} — {c.proposedByName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
