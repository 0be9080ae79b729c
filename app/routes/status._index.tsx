import type { ActionFunctionArgs, LinksFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isWorkflowError } from "../../workflows/errors";
import type { RefusalAppeal } from "../../workflows/printing";
import { publicStatus } from "../../workflows/subject";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { StandingText } from "~/components/standing-text";
import { JournalTable } from "~/components/journal-table";
import extraStyles from "~/styles-extra.css?url";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { officeText } from "~/utils/offices";
import { clientIp, hitRateLimit, LIMITS, refundRateLimit } from "~/utils/rate-limit.server";
import type { I18nHandle } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: extraStyles }];
export const handle = { i18n: ["status", "journal", "verify"], title: "status:title" } satisfies I18nHandle;

type Problem = "rate_limited" | "not_found" | "mistyped" | "inn_required" | "code_required";

/**
 * The lookup is a POST: the code is a secret and must not sit in URLs, history or access logs.
 * Every try counts against the caller's address (brute force of codes, R6), found or not.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const inn = String(form.get("inn") ?? "").replace(/[\s-]/g, "").slice(0, 20);
  const code = String(form.get("code") ?? "").slice(0, 30);
  const fail = (problem: Problem, status: number, seconds = 0) => data({ ok: false as const, problem, inn, seconds }, { status, headers: { "Cache-Control": "no-store" } });
  if (!inn) return fail("inn_required", 400);
  if (!code.trim()) return fail("code_required", 400);
  const database = await db();
  // Wrong INN+code pairs are what brute force looks like; a lookup that finds the application is
  // given back, so an office PC or a family sharing one address is not locked out.
  const bucket = `status:ip:${clientIp(request, context)}`;
  const limit = await hitRateLimit(database, bucket, LIMITS.statusLookup);
  if (!limit.allowed) return data({ ok: false as const, problem: "rate_limited" as Problem, inn, seconds: limit.retryAfterSeconds }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" } });
  try {
    const status = await publicStatus(database, inn, code, new Date());
    if (!status) return fail("not_found", 404);
    await refundRateLimit(database, bucket, limit);
    const { applicationId: _id, ...shown } = status;
    return data({ ok: true as const, inn, code: status.code, status: shown }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isWorkflowError(error) && error.code === "validation") return fail("mistyped", 400);
    throw error;
  }
}

const STAGES = ["saved", "presented", "accepted", "decided"] as const;

/**
 * Where a refusal can be appealed, read from the refusal as it was issued (decision 059): in the
 * page's language when the paper carries it (Kyrgyz, Russian), else in Russian, said so.
 */
function AppealRoute({ appeal }: { appeal: RefusalAppeal }) {
  const { t, i18n } = useTranslation("status");
  if (appeal.state === "not_on_paper") return null;
  const paperLanguage = i18n.language === "ky" ? "ky" : "ru";
  const lang = paperLanguage === i18n.language ? undefined : paperLanguage;
  return (
    <section aria-labelledby="appeal-title" className="refused-note" data-testid="status-appeal">
      <h3 id="appeal-title">{t("appeal.title")}</h3>
      {appeal.state === "not_printed" ? (
        <p>{t("appeal.notPrinted")}</p>
      ) : (
        <>
          <p>{t("appeal.intro")}</p>
          <dl className="facts">
            <dt>{t("appeal.body")}</dt><dd lang={lang}>{appeal.route.body[paperLanguage]}</dd>
            <dt>{t("appeal.timeLimit")}</dt><dd lang={lang}>{appeal.route.timeLimit[paperLanguage]}</dd>
            <dt>{t("appeal.address")}</dt><dd lang={lang}>{appeal.route.address[paperLanguage]}</dd>
          </dl>
          {lang ? <p className="muted">{t("appeal.printedIn")}</p> : null}
        </>
      )}
    </section>
  );
}

export default function StatusPage() {
  const { t } = useTranslation(["status", "journal", "common"]);
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const found = result?.ok ? result : null;
  const problem = result && !result.ok ? result : null;
  const s = found?.status;
  // The application's office speaks in its own zone; an online draft has no office yet (the default).
  const fmt = useFormat(s?.office?.timeZone ?? null);
  const currentIndex = s ? STAGES.indexOf(s.stage === "returned" ? "presented" : (s.stage as (typeof STAGES)[number])) : -1;
  return (
    <section aria-labelledby="status-title">
      <h1 id="status-title">{t("title")}</h1>
      <p>{t("intro")}</p>
      {problem ? (
        <p className="flash flash-error" role="alert" data-testid="status-problem">
          {t(`problems.${problem.problem}`, { seconds: problem.seconds })}
        </p>
      ) : null}
      <Form method="post" className="stack" autoComplete="off">
        <CsrfInput />
        <Field label={t("inn")} name="inn" inputMode="numeric" required maxLength={20} defaultValue={result?.inn ?? ""} hint={t("innHint")} />
        <Field label={t("code")} name="code" required maxLength={30} autoCapitalize="characters" spellCheck={false} hint={t("codeHint")} />
        <div className="actions"><button type="submit" disabled={busy}>{t("lookup")}</button></div>
      </Form>

      {found && s ? (
        <section aria-labelledby="result-title" className="panel" data-testid="status-result">
          <h2 id="result-title">{t("resultTitle", { code: found.code })}</h2>
          <p className="status-stage" role="status" data-testid="status-stage">{t(`stages.${s.stage}`)}</p>
          <ol className="stages" aria-label={t("stagesLabel")}>
            {STAGES.map((st, i) => (
              <li key={st} aria-current={i === currentIndex ? "step" : undefined} className={i < currentIndex ? "done" : undefined}>{t(`steps.${st}`)}</li>
            ))}
          </ol>
          <dl className="facts">
            <dt>{t("requestKind")}</dt><dd>{t(`requestKinds.${s.requestKind}`)}</dd>
            {s.office ? (<><dt>{t("office")}</dt><dd data-testid="status-office">{officeText(t, s.office)}</dd></>) : null}
            <dt>{t("savedAt")}</dt><dd>{fmt.instant(s.savedAt)}</dd>
            {s.entryDueAt ? (<><dt>{t("entryDue")}</dt><dd>{fmt.entryDeadline(t, s.entryDueAt)}</dd></>) : null}
            {s.stage === "saved" || s.stage === "returned" ? (<><dt>{t("expiresAt")}</dt><dd>{fmt.instant(s.expiresAt)}</dd></>) : null}
            {s.decision ? (
              <>
                <dt>{t("outcome")}</dt><dd>{t(`outcomes.${s.decision.outcome}`)}</dd>
                <dt>{t("decidedAt")}</dt><dd>{fmt.instant(s.decision.decidedAt)}</dd>
                <dt>{t("decisionNumber")}</dt><dd>{s.decision.number}</dd>
                {s.decision.outcome === "granted" || !s.decision.standing.inForce ? (<><dt>{t("verify:standing")}</dt><dd><StandingText standing={s.decision.standing} fmt={fmt} /></dd></>) : null}
                {s.decision.handOver !== "not_recorded" ? (
                  <><dt>{t("handOver")}</dt><dd data-testid="status-hand-over">{t(`handOverStates.${s.decision.handOver}`, { at: s.decision.handOverAt ? fmt.instant(s.decision.handOverAt) : "" })}</dd></>
                ) : null}
              </>
            ) : null}
            {s.status === "entered" || s.status === "already_annulled" ? (<><dt>{t("outcome")}</dt><dd>{t(`outcomes.${s.status}`)}</dd></>) : null}
          </dl>
          {s.returnReasons.length > 0 ? (
            <div className="refused-note">
              <h3>{t("returnReasons")}</h3>
              <ul>{s.returnReasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
              <p>{t("returnedNext")}</p>
            </div>
          ) : null}
          {s.appeal ? <AppealRoute appeal={s.appeal} /> : null}
          <p>{t(`next.${s.stage === "accepted" && s.requestKind === "annul" ? "acceptedAnnul" : s.stage}`)}</p>

          <h3 id="own-journal">{t("journalTitle")}</h3>
          <p className="muted">{t("journalNote")}</p>
          <JournalTable rows={s.journal} caption={t("journalCaption")} timeZone={s.office?.timeZone ?? null} />
          <Form method="post" action="/status/journal.pdf" reloadDocument target="_blank">
            <CsrfInput />
            <input type="hidden" name="inn" value={found.inn} />
            <input type="hidden" name="code" value={found.code} />
            <button type="submit" className="secondary">{t("printJournal")}</button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
