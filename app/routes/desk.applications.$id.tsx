import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  acceptApplication,
  enterAnnulment,
  grantAccess,
  isWorkflowError,
  presentApplication,
  proposeCorrection,
  refuseAccess,
  targetCorrections,
  returnApplication,
  type Actor,
  type Ground,
  type RunOptions,
} from "../../workflows";
import type { Db } from "../../db/client";
import { deskView } from "../../workflows/application/desk-view";
import { isDeskStep, type DeskStep } from "../../workflows/application/steps";
import { Countdown } from "~/components/countdown";
import { CsrfInput } from "~/components/csrf-input";
import { isHandOverStep, recordHandOver, type HandOverStep } from "../../workflows/handover";
import { deskErrorKey } from "~/utils/desk-error-key.server";
import { PrintButton } from "~/components/print-button";
import { StandingText } from "~/components/standing-text";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { formatDate, formatEntryDeadline, formatInstant, formattersFor } from "~/utils/dates";
import { useFormat } from "~/utils/format";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { defaultLanguage, translatorFor } from "~/utils/i18n.server";
import { officeText } from "~/utils/offices";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["desk", "verify"], title: "desk:app.documentTitle" } satisfies I18nHandle;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  if (!UUID.test(params.id ?? "")) throw new Response("Not found", { status: 404 });
  const now = new Date();
  const view = await deskView(await db(), staff.actor, params.id!, now);
  if (!view) throw new Response("Not found", { status: 404 });
  // R13: another office sees that the application exists and where it belongs, nothing of its content.
  if (view.forbidden) return data({ ...view, officeCode: staff.user.officeCode }, { status: 403 });
  // Decision 063: the decision's revocation, as the correction machine allows this staff member.
  const d = view.app.decision;
  const revocation = d ? (await targetCorrections(await db(), staff.actor, "revoke_decision", [d.id], d.officeCode, now))[d.id] : null;
  return { ...view, now: now.getTime(), officeCode: staff.user.officeCode, revocation };
}

type ActionResult = { intent: string; error: { key: string; code: string; details?: Record<string, unknown> }; ticked?: string[] };

function parseGrounds(values: FormDataEntryValue[]): Ground[] {
  const grounds: Ground[] = [];
  for (const raw of values) {
    const v = String(raw);
    if (v === "no_registration") grounds.push({ ground: "no_registration" });
    else if (v.startsWith("fictitious_activity:") && UUID.test(v.slice(20))) grounds.push({ ground: "fictitious_activity", evidenceId: v.slice(20) });
  }
  return grounds;
}

interface StepCall {
  database: Db;
  actor: Actor;
  id: string;
  form: FormData;
  now: Date;
  opts: RunOptions | undefined;
}
type Flash = { key: string; values?: Record<string, string> };

/** The one table from a step (the form's intent) to its workflow function, which sends the step's event to the machine. */
const RUN_STEP: Record<DeskStep, (c: StepCall) => Promise<Flash>> = {
  present: async ({ database, actor, id, now, opts }) => {
    const { decisionDueAt } = await presentApplication(database, actor, id, now, opts);
    // An annulment application has no decision clock (R20's starts at acceptance).
    return { key: decisionDueAt ? "desk:present.done" : "desk:present.doneAnnul" };
  },
  accept: async ({ database, actor, id, form, now, opts }) => {
    const { incomingNumber } = await acceptApplication(database, actor, id, form.getAll("checklist").map(String), now, opts);
    return { key: "desk:verify.done", values: { number: incomingNumber } };
  },
  return: async ({ database, actor, id, form, now, opts }) => {
    // Reasons are kept as text in the installation's language (DEFAULT_LANGUAGE): the applicant reads
    // them on the status page and on paper as the inspector typed the others.
    const say = await translatorFor(defaultLanguage(), "desk");
    const items = form.getAll("reasonItem").map((item) => say("verify.notOk", { item: say(`checklist.${String(item)}`) }));
    const other = String(form.get("reasonsOther") ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    await returnApplication(database, actor, id, [...items, ...other].map((r) => r.slice(0, 500)), now, opts);
    return { key: "desk:verify.returned" };
  },
  grant: async ({ database, actor, id, now, opts }) => {
    await grantAccess(database, actor, id, now, opts);
    return { key: "desk:decide.granted" };
  },
  refuse: async ({ database, actor, id, form, now, opts }) => {
    await refuseAccess(database, actor, id, parseGrounds(form.getAll("ground")), now, opts);
    return { key: "desk:decide.refused" };
  },
  enter: async ({ database, actor, id, now, opts }) => {
    const { status } = await enterAnnulment(database, actor, id, now, opts);
    return { key: status === "already_annulled" ? "desk:annul.alreadyDone" : "desk:annul.done" };
  },
};

async function runHandOver(step: HandOverStep, { database, actor, id, now }: StepCall): Promise<Flash> {
  await recordHandOver(database, actor, id, step, now);
  return { key: `desk:handOver.done.${step}` };
}

/** Decision 063: a supervisor proposes to revoke the decision; another supervisor decides on /desk/approvals. */
async function proposeRevocation(actor: Actor, form: FormData, here: string) {
  try {
    const decisionId = String(form.get("decisionId") ?? "");
    await proposeCorrection(await db(), actor, "revoke_decision", decisionId, { reason: String(form.get("reason") ?? "").slice(0, 1000), document: null }, new Date());
    return redirectWithFlash(here, { kind: "success", key: "desk:revocation.proposed" });
  } catch (error) {
    if (!isWorkflowError(error)) throw error;
    return data<ActionResult>({ intent: "propose_revocation", error: { key: deskErrorKey(error.messageKey), code: error.code, details: error.details } }, { status: error.status });
  }
}

/**
 * One form per step, told apart by `intent`; each carries the version the page showed, so a step
 * someone else took first comes back as a clear message over the fresh state, not an error page.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const form = await readForm(request);
  const id = params.id ?? "";
  if (!UUID.test(id)) throw new Response("Not found", { status: 404 });
  const here = `/desk/applications/${id}`;
  const intent = String(form.get("intent") ?? "");
  if (intent === "propose_revocation") return proposeRevocation(staff.actor, form, here);
  if (!isDeskStep(intent) && !isHandOverStep(intent)) return data<ActionResult>({ intent, error: { key: "desk:errors.unknown", code: "validation" } }, { status: 400 });
  const version = Number.parseInt(String(form.get("version") ?? ""), 10);
  const opts = Number.isFinite(version) ? { expectedVersion: version } : undefined;
  try {
    const call = { database: await db(), actor: staff.actor, id, form, now: new Date(), opts };
    // R11: the decision's copy has its own small machine (workflows/handover).
    const flash = isHandOverStep(intent) ? await runHandOver(intent, call) : await RUN_STEP[intent](call);
    return redirectWithFlash(here, { kind: "success", ...flash });
  } catch (error) {
    if (!isWorkflowError(error)) throw error;
    // Someone else acted first: show the current state with the reason (PRG), never an error page.
    if (error.code === "stale" || error.code === "conflict") {
      return redirectWithFlash(here, { kind: "error", key: deskErrorKey(error.messageKey) });
    }
    const ticked = form.getAll("checklist").map(String);
    return data<ActionResult>({ intent, error: { key: deskErrorKey(error.messageKey), code: error.code, details: error.details }, ticked }, { status: error.status });
  }
}

function ErrorNote({ result, intent }: { result: ActionResult | undefined; intent: string | string[] }) {
  const { t } = useTranslation("desk");
  const intents = Array.isArray(intent) ? intent : [intent];
  if (!result || !intents.includes(result.intent)) return null;
  const missing = result.error.details?.missing;
  const values = Array.isArray(missing) ? { missing: missing.map((item) => t(`checklist.${String(item)}`)).join("; ") } : {};
  return (
    <p className="flash flash-error" role="alert">
      {t(result.error.key, values)}
    </p>
  );
}

function VersionInput({ version }: { version: number }) {
  return <input type="hidden" name="version" value={version} />;
}

export default function DeskApplication() {
  const loaded = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["desk", "common"]);
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state !== "idle";
  const lng = i18n.language;
  const staffZone = useFormat().timeZone;

  if (loaded.forbidden) {
    return (
      <section aria-labelledby="app-title">
        <p><Link to="/desk">← {t("app.back")}</Link></p>
        <h1 id="app-title">{t("app.forbiddenTitle")}</h1>
        <p className="flash flash-error" role="alert">{t("app.forbidden", { office: officeText(t, loaded.office) })}</p>
      </section>
    );
  }

  const { app, checks, required, details, now, clocks, steps, lateSince, siblings, presentBlocked, handOverSteps, revocation, standing } = loaded;
  const may = (step: DeskStep) => steps.includes(step);
  const tz = checks.office?.timeZone ?? staffZone;
  const names = details.staffNames;
  const form = app.form;
  const isAnnul = app.requestKind === "annul";
  const docOf = (kind: string) => details.documents.find((d) => d.kind === kind && d.officeCode === loaded.officeCode);
  const evidenceById = new Map(checks.evidence.map((e) => [e.id, e]));
  const groundLabel = (g: Ground) => {
    if (g.ground === "no_registration") return t("decide.ground.no_registration");
    const e = evidenceById.get(g.evidenceId);
    return t("decide.ground.fictitious_activity", { number: e?.documentNumber ?? "—", date: e ? formatDate(e.documentDate, lng, tz) : "—" });
  };
  const groundValue = (g: Ground) => (g.ground === "no_registration" ? "no_registration" : `fictitious_activity:${g.evidenceId}`);
  const printedNote = (kind: string) => {
    const doc = docOf(kind);
    return doc ? <p className="hint">{t("print.printed", { number: doc.number, reprints: doc.reprints })}. {t("print.reprintNote")}</p> : null;
  };

  return (
    <section aria-labelledby="app-title" className="desk-app">
      <p className="no-print"><Link to="/desk">← {t("app.back")}</Link></p>
      <h1 id="app-title">
        {t("app.title", { code: app.code })} <span className={`badge badge-status-${app.status}`}>{t(`status.${app.status}`)}</span>
      </h1>
      {result && !["present", "accept", "return", "grant", "refuse", "enter", "propose_revocation"].includes(result.intent) ? (
        <p className="flash flash-error" role="alert">{t(result.error.key)}</p>
      ) : null}

      {siblings.length > 0 ? (
        <section className="panel flash-warning" aria-labelledby="siblings-title" data-testid="siblings">
          <h2 id="siblings-title">{t("siblings.title")}</h2>
          <ul>
            {siblings.map((s) => (
              <li key={s.id}>
                <Link to={`/desk/applications/${s.id}`} className="mono">{s.code}</Link> — {t(`kinds.${s.kind}`)}, {t(`status.${s.status}`)}, {t("siblings.savedAt", { date: formatInstant(s.savedAt, lng, tz) })}
              </li>
            ))}
          </ul>
          <p className="hint">{t("siblings.intro")}</p>
        </section>
      ) : null}
      {presentBlocked && presentBlocked.key !== "application.expired" ? (
        <p className="flash flash-error" role="alert" data-testid="present-blocked">{t(`errors.${presentBlocked.key}`, presentBlocked.details)}</p>
      ) : null}

      <div className="grid-2">
        <section className="panel" aria-labelledby="summary-title">
          <h2 id="summary-title">{t("app.summary")}</h2>
          <dl className="facts">
            <dt>{t("app.kind")}</dt><dd>{t(`kinds.${app.requestKind}`)}</dd>
            <dt>{t("app.subjectType")}</dt><dd>{t(`common:subjectTypes.${app.subjectType}`)}</dd>
            <dt>{t("app.inn")}</dt><dd className="mono">{app.inn}</dd>
            <dt>{t("app.name")}</dt><dd>{app.applicantName}</dd>
            {form.headName ? (<><dt>{t("app.head")}</dt><dd>{form.headName}</dd></>) : null}
            {form.representative ? (
              <><dt>{t("app.representative")}</dt><dd>{form.representative.name}; {t("app.poa", { number: form.representative.poaNumber, date: formatDate(form.representative.poaDate, lng, tz) })}</dd></>
            ) : null}
            {form.minor ? (<><dt>{t("app.minor")}</dt><dd>{form.minor.legalRepName}</dd></>) : null}
            <dt>{t("app.phone")}</dt><dd>{form.phone ?? "—"}</dd>
            {form.email ? (<><dt>{t("app.email")}</dt><dd>{form.email}</dd></>) : null}
            <dt>{t("app.savedAt")}</dt><dd>{formatInstant(app.createdAt, lng, tz)}</dd>
            {app.presentedAt ? (<><dt>{t("app.presentedAt")}</dt><dd>{formatInstant(app.presentedAt, lng, tz)}{app.presentedBy ? `, ${names[app.presentedBy] ?? ""}` : ""}</dd></>) : null}
          </dl>
        </section>

        {clocks.decision ? (
          <section className="panel clock-panel" aria-labelledby="clock-title">
            <h2 id="clock-title">{t("app.clock")}</h2>
            <p className="clock-big">
              <Countdown dueAt={String(clocks.decision.dueAt)} warnAt={String(clocks.decision.warnAt)} serverNow={now} serverState={clocks.decision.state} />
            </p>
            <p className="hint">{t("app.clockDue", { time: formatInstant(clocks.decision.dueAt, lng, tz) })}</p>
          </section>
        ) : null}
        {clocks.entry ? (
          <section className="panel clock-panel" aria-labelledby="clock-title">
            <h2 id="clock-title">{t("app.entryClock")}</h2>
            <p className="clock-big">
              <Countdown dueAt={String(clocks.entry.dueAt)} warnAt={String(clocks.entry.warnAt)} serverNow={now} serverState={clocks.entry.state} />
            </p>
            <p className="hint">{formatEntryDeadline(t, clocks.entry.dueAt, tz)}</p>
          </section>
        ) : null}
      </div>

      {lateSince ? (
        <p className="flash flash-warning" data-testid="lateness">
          {isAnnul
            ? t(app.status === "accepted" ? "app.lateEntryOpen" : "app.lateEntry", { due: formatEntryDeadline(t, app.entryDueAt, tz) })
            : t(app.decision ? "app.lateDecision" : "app.lateDecisionOpen", { due: formatInstant(app.decisionDueAt, lng, tz) })}
        </p>
      ) : null}

      {may("present") ? (
        <section aria-labelledby="present-title" className="step">
          <h2 id="present-title">{t("present.title")}</h2>
          {app.returns.length > 0 ? (
            <div className="panel">
              {app.returns.map((r, i) => (
                <div key={i}>
                  <p>{t("present.returnedBefore", { date: formatInstant(r.at, lng, tz) })}</p>
                  <ul>{r.reasons.map((reason, j) => <li key={j}>{reason}</li>)}</ul>
                </div>
              ))}
            </div>
          ) : null}
          <p>{t("present.text")}</p>
          <ErrorNote result={result} intent="present" />
          <Form method="post">
            <CsrfInput />
            <VersionInput version={app.version} />
            <button type="submit" name="intent" value="present" disabled={busy}>{t("present.submit")}</button>
          </Form>
        </section>
      ) : null}

      {may("accept") || may("return") ? (
        <section aria-labelledby="verify-title" className="step">
          <h2 id="verify-title">{t("verify.title")}</h2>
          {may("accept") ? (
          <>
          <ErrorNote result={result} intent="accept" />
          <Form method="post" className="stack">
            <CsrfInput />
            <VersionInput version={app.version} />
            <fieldset>
              <legend>{t("verify.legend")}</legend>
              {required.map((item) => (
                <label className="check" key={item}>
                  <input type="checkbox" name="checklist" value={item} defaultChecked={result?.ticked?.includes(item)} /> {t(`checklist.${item}`)}
                </label>
              ))}
            </fieldset>
            <p className="hint">{t("verify.acceptHint")}</p>
            <div className="actions">
              <button type="submit" name="intent" value="accept" disabled={busy}>{t("verify.accept")}</button>
            </div>
          </Form>
          </>
          ) : null}

          {may("return") ? (
          <>
          <h3 id="return-title">{t("verify.returnTitle")}</h3>
          <ErrorNote result={result} intent="return" />
          <Form method="post" className="stack" aria-labelledby="return-title">
            <CsrfInput />
            <VersionInput version={app.version} />
            <fieldset>
              <legend>{t("verify.returnLegend")}</legend>
              {required.map((item) => (
                <label className="check" key={item}>
                  <input type="checkbox" name="reasonItem" value={item} /> {t("verify.notOk", { item: t(`checklist.${item}`) })}
                </label>
              ))}
              <div className="field">
                <label htmlFor="reasons-other">{t("verify.returnOther")}</label>
                <textarea id="reasons-other" name="reasonsOther" rows={3} maxLength={2000} />
              </div>
            </fieldset>
            <div className="actions">
              <button type="submit" name="intent" value="return" className="secondary" disabled={busy}>{t("verify.returnSubmit")}</button>
            </div>
          </Form>
          </>
          ) : null}
        </section>
      ) : null}

      {app.decision ? (
        <section className={`panel decision decision-${app.decision.outcome}`} aria-labelledby="decision-title">
          <h2 id="decision-title">{t("decision.title", { number: app.decision.number })}</h2>
          <dl className="facts">
            <dt>{t("decision.outcome")}</dt><dd><strong>{t(`decision.${app.decision.outcome}`)}</strong></dd>
            <dt>{t("decision.decidedAt")}</dt><dd>{formatInstant(app.decision.decidedAt, lng, tz)}, {names[app.decision.decidedBy] ?? ""}</dd>
            {standing ? (<><dt>{t("verify:standing")}</dt><dd><StandingText standing={standing} fmt={formattersFor(lng, tz)} /></dd></>) : null}
            {app.decision.outcome === "refused" ? (
              <><dt>{t("decision.grounds")}</dt><dd><ul className="plain">{app.decision.grounds.map((g) => <li key={groundValue(g)}>{groundLabel(g)}</li>)}</ul></dd></>
            ) : null}
          </dl>
          {app.decision.login ? (
            <div className="login-box" role="group" aria-labelledby="login-label">
              <p id="login-label" className="login-label">{t("decision.loginLabel")}</p>
              <p><output className="code-big" data-testid="granted-login" aria-labelledby="login-label">{app.decision.login}</output></p>
              <p className="hint">{t("decision.loginHint")}</p>
              {app.decision.effect ? <p className="hint">{t(`decision.effectHint.${app.decision.effect}`)}</p> : null}
            </div>
          ) : null}
          <div className="actions">
            <PrintButton applicationId={app.id} what="decision" label={t("decision.print")} />
          </div>
          {printedNote(app.decision.outcome === "granted" ? "decision_grant" : "decision_refusal")}
          <h3 id="handover-title">{t("handOver.title")}</h3>
          <p data-testid="hand-over">
            {t(`handOver.state.${app.decision.handOver}`, {
              at: app.decision.handOverAt ? formatInstant(app.decision.handOverAt, lng, tz) : "",
              by: app.decision.handOverBy ? names[app.decision.handOverBy] ?? "—" : "—",
            })}
          </p>
          {handOverSteps.length > 0 ? (
            <Form method="post" className="actions" aria-labelledby="handover-title">
              <CsrfInput />
              {handOverSteps.map((step) => (
                <button key={step} type="submit" name="intent" value={step} className={step === "hand_over" ? undefined : "secondary"} disabled={busy}>
                  {t(`handOver.submit.${step}`)}
                </button>
              ))}
            </Form>
          ) : null}
          {/* Shown once there is something to say or to do: a revocation, or the supervisor's form. */}
          {revocation && (revocation.latest || revocation.canPropose) ? (
            <RevocationPanel decisionId={app.decision.id} applicationId={app.id} revocation={revocation} result={result} busy={busy} format={(d) => formatInstant(d, lng, tz)} />
          ) : null}
        </section>
      ) : null}

      {app.incomingNumber ? (
        <section className="panel mark" aria-labelledby="mark-title">
          <h2 id="mark-title">{t("mark.title")}</h2>
          <dl className="facts">
            <dt>{t("mark.incoming")}</dt><dd className="mono" data-testid="incoming-number">{app.incomingNumber}</dd>
            <dt>{t("mark.at")}</dt><dd>{formatInstant(app.acceptedAt, lng, tz)}</dd>
            <dt>{t("mark.office")}</dt><dd>{officeText(t, checks.office, app.officeCode)}</dd>
            <dt>{t("mark.inspector")}</dt><dd>{app.acceptedBy ? names[app.acceptedBy] ?? "—" : "—"}</dd>
          </dl>
          <div className="actions">
            <PrintButton applicationId={app.id} what="application" label={t("mark.print")} />
          </div>
          {printedNote("application")}
        </section>
      ) : null}

      {!isAnnul && ["presented", "accepted", "granted", "refused"].includes(app.status) ? (
        <section aria-labelledby="checks-title" className="step">
          <h2 id="checks-title">{t("checks.title")}</h2>
          <ul className="checks">
            <li className={checks.registration.found && checks.registration.status === "registered" ? "check-ok" : "check-bad"}>
              <strong>{t("checks.registration")}:</strong>{" "}
              {!checks.registration.found ? t("checks.missing") : t(`checks.${checks.registration.status}`)}.{" "}
              {checks.grounds.some((g) => g.ground === "no_registration") ? t("checks.registrationBad") : t("checks.registrationOk")}
            </li>
            <li className={checks.evidence.length === 0 ? "check-ok" : "check-bad"}>
              <strong>{t("checks.evidence")}:</strong>{" "}
              {checks.evidence.length === 0
                ? t("checks.evidenceNone")
                : checks.evidence.map((e) => (
                    <span key={e.id} className="block">
                      {t(`evidenceKinds.${e.kind}`)} — {t("checks.evidenceFound", { number: e.documentNumber, date: formatDate(e.documentDate, lng, tz), issuer: e.issuer })}
                    </span>
                  ))}
            </li>
            <li className={checks.officeMatches ? "check-ok" : "check-bad"}>
              <strong>{t("checks.office")}:</strong> {checks.officeMatches ? t("checks.officeOk", { office: officeText(t, checks.office) }) : t("checks.officeBad")}
            </li>
          </ul>
          <p className={checks.grounds.length === 0 ? "verdict verdict-ok" : "verdict verdict-bad"} data-testid="checks-verdict">
            {checks.grounds.length === 0 ? t("checks.summaryGrant") : t("checks.summaryRefuse")}
          </p>
        </section>
      ) : null}

      {may("grant") || may("refuse") ? (
        <section aria-labelledby="decide-title" className="step">
          <h2 id="decide-title">{t("decide.title")}</h2>
          <ErrorNote result={result} intent={["grant", "refuse"]} />
          {may("grant") ? (
            <>
              <Form method="post">
                <CsrfInput />
                <VersionInput version={app.version} />
                <button type="submit" name="intent" value="grant" disabled={busy}>
                  {app.requestKind === "restore" ? t("decide.grantRestore") : t("decide.grant")}
                </button>
              </Form>
              <p className="hint">{t("decide.noGroundsNoRefusal")}</p>
            </>
          ) : (
            <Form method="post" className="stack">
              <CsrfInput />
              <VersionInput version={app.version} />
              <fieldset>
                <legend>{t("decide.refuseLegend")}</legend>
                {checks.grounds.map((g) => (
                  <label className="check" key={groundValue(g)}>
                    <input type="checkbox" name="ground" value={groundValue(g)} defaultChecked /> {groundLabel(g)}
                  </label>
                ))}
              </fieldset>
              <div className="actions">
                <button type="submit" name="intent" value="refuse" className="danger" disabled={busy}>{t("decide.refuse")}</button>
              </div>
            </Form>
          )}
        </section>
      ) : null}

      {may("enter") ? (
        <section aria-labelledby="annul-title" className="step">
          <h2 id="annul-title">{t("annul.title")}</h2>
          <p>{t("annul.text")}</p>
          <ErrorNote result={result} intent="enter" />
          <Form method="post">
            <CsrfInput />
            <VersionInput version={app.version} />
            <button type="submit" name="intent" value="enter" className="danger" disabled={busy}>{t("annul.submit")}</button>
          </Form>
        </section>
      ) : null}

      {isAnnul && (app.status === "entered" || app.status === "already_annulled") ? (
        <section className="panel decision" aria-labelledby="annul-title">
          <h2 id="annul-title">{t("annul.title")}</h2>
          <p data-testid="annulment-entered">
            <strong>
              {app.alreadyAnnulled
                ? t("annul.alreadyAnnulled", {
                    date: formatInstant(app.alreadyAnnulled.at, lng, tz),
                    reason: t(`annul.earlier.${app.alreadyAnnulled.for ?? "unknown"}`),
                    closed: formatInstant(app.closedAt, lng, tz),
                  })
                : t("annul.entered", { date: formatInstant(details.annulment?.effectiveAt ?? app.closedAt, lng, tz) })}
            </strong>
          </p>
          {details.noticeSource ? (
            <div className="actions">
              <PrintButton applicationId={app.id} what="annulment" label={t("annul.print")} />
            </div>
          ) : null}
          {printedNote("annulment_notice")}
        </section>
      ) : null}

      {app.status === "expired" ? <p className="panel">{t("app.expiredInfo")}</p> : null}
    </section>
  );
}

type RevocationView = {
  latest: { id: string; status: string; number: string | null; reason: string; proposedAt: string | Date; decidedAt: string | Date | null; rejectionReason: string | null } | null;
  canPropose: boolean;
};

/** Decision 063: the decision's revocation — revoked, waiting for another supervisor, or the form to propose it. */
function RevocationPanel(p: { decisionId: string; applicationId: string; revocation: RevocationView; result: ActionResult | undefined; busy: boolean; format: (d: string | Date) => string }) {
  const { t } = useTranslation("desk");
  const latest = p.revocation.latest;
  return (
    <div className="revocation" data-testid="revocation">
      <h3 id="revocation-title">{t("revocation.title")}</h3>
      {latest?.status === "approved" ? (
        <>
          <p className="flash flash-error" data-testid="revoked">{t("revocation.revoked", { number: latest.number, at: latest.decidedAt ? p.format(latest.decidedAt) : "" })}</p>
          <p className="hint">{t("revocation.reasonWas", { reason: latest.reason })}</p>
          <div className="actions">
            <PrintButton applicationId={p.applicationId} what="revocation" label={t("revocation.print")} />
          </div>
        </>
      ) : null}
      {latest?.status === "proposed" ? (
        <p className="flash flash-info" data-testid="revocation-proposed">
          {t("revocation.waiting", { at: p.format(latest.proposedAt) })} <Link to="/desk/approvals">{t("revocation.toApprovals")}</Link>
        </p>
      ) : null}
      {latest?.status === "rejected" ? <p className="hint">{t("revocation.rejectedWas", { reason: latest.rejectionReason ?? "" })}</p> : null}
      {p.revocation.canPropose ? (
        <Form method="post" className="stack" aria-labelledby="revocation-title">
          <CsrfInput />
          <input type="hidden" name="decisionId" value={p.decisionId} />
          {p.result?.intent === "propose_revocation" ? <p className="flash flash-error" role="alert">{t(p.result.error.key, p.result.error.details)}</p> : null}
          <p className="hint">{t("revocation.hint")}</p>
          <label htmlFor="revocation-reason">{t("revocation.reason")}</label>
          <textarea id="revocation-reason" name="reason" required maxLength={1000} rows={3} />
          <div className="actions">
            <button type="submit" name="intent" value="propose_revocation" className="danger" disabled={p.busy}>{t("revocation.submit")}</button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
