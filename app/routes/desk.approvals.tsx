import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { approveAnnulment, approveCorrection, pendingApprovals, pendingCorrections, rejectAnnulment, rejectCorrection } from "../../workflows";
import { CsrfInput } from "~/components/csrf-input";
import extraStyles from "~/styles-extra.css?url";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { actionError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import type { I18nHandle } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: extraStyles }];
export const handle = { i18n: ["supervisor", "subject"], title: "supervisor:approvals.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const database = await db();
  const now = new Date();
  const rows = await pendingApprovals(database, staff.actor, now);
  const corrections = await pendingCorrections(database, staff.actor, now);
  return {
    // Decision 063: revocations of decisions and liftings of evidence, with the machine's steps.
    corrections: corrections.map((c) => ({
      id: c.id,
      kind: c.kind,
      inn: c.subjectInn,
      reason: c.reason,
      document: c.documentNumber ? { number: c.documentNumber, date: String(c.documentDate), issuer: c.documentIssuer ?? "" } : null,
      decisionNumber: c.decisionNumber,
      decisionOutcome: c.decisionOutcome,
      applicationId: c.applicationId,
      evidenceDocument: c.evidenceDocument,
      proposedAt: c.proposedAt,
      proposedByName: c.proposedByName,
      steps: c.steps,
      own: c.proposedBy === staff.user.id,
    })),
    isSupervisor: staff.user.role === "supervisor",
    // `own` only explains why no step is offered; the steps themselves come from the machine.
    proposals: rows.map((r) => ({ ...r, own: r.proposedBy === staff.user.id })),
  };
}

/** Four eyes (R21 + the users' rule): the domain refuses an inspector, another office and the proposer alike. */
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const form = await readForm(request);
  const intent = form.get("intent");
  const id = String(form.get("annulmentId") ?? "");
  const correctionId = String(form.get("correctionId") ?? "");
  const database = await db();
  try {
    if (intent === "approve_correction") {
      const r = await approveCorrection(database, staff.actor, correctionId, new Date());
      return redirectWithFlash("/desk/approvals", { kind: "success", key: "supervisor:corrections.approved", values: { number: r.number ?? "" } });
    }
    if (intent === "reject_correction") {
      await rejectCorrection(database, staff.actor, correctionId, String(form.get("reason") ?? ""), new Date());
      return redirectWithFlash("/desk/approvals", { kind: "success", key: "supervisor:corrections.rejected" });
    }
    if (intent === "approve") {
      await approveAnnulment(database, staff.actor, id, new Date());
      return redirectWithFlash("/desk/approvals", { kind: "success", key: "supervisor:approvals.approved" });
    }
    if (intent === "reject") {
      await rejectAnnulment(database, staff.actor, id, String(form.get("reason") ?? ""), new Date());
      return redirectWithFlash("/desk/approvals", { kind: "success", key: "supervisor:approvals.rejected" });
    }
    return data({ ok: false as const, error: { key: "request.unknown_intent", code: "validation", details: {} }, id }, { status: 400 });
  } catch (error) {
    const res = actionError(error);
    return data({ ...res.data, id }, { status: res.init?.status ?? 400 });
  }
}

export default function Approvals() {
  const { t } = useTranslation(["supervisor", "subject", "common"]);
  const fmt = useFormat();
  const { proposals, isSupervisor, corrections } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result && !result.ok ? result.error : null;
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t("approvals.title")}</h1>
      <p className="muted">{t("approvals.intro")}</p>
      {error ? (
        <p className="flash flash-error" role="alert" data-testid="action-error">
          {t(`errors.${error.key}`, { ...error.details, defaultValue: t("common:errors.forbidden") })}
        </p>
      ) : null}
      {!isSupervisor ? <p className="flash flash-info">{t("approvals.inspectorNote")}</p> : null}
      {proposals.length === 0 ? <p>{t("approvals.empty")}</p> : (
        <table>
          <caption>{t("approvals.caption", { count: proposals.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("approvals.subject")}</th>
              <th scope="col">{t("subject:fields.login")}</th>
              <th scope="col">{t("approvals.evidence")}</th>
              <th scope="col">{t("approvals.proposed")}</th>
              <th scope="col">{t("approvals.decision")}</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.annulmentId}>
                <td><Link to={`/desk/subjects/${p.inn}`}>{p.inn}</Link></td>
                <td className="mono">{p.login}</td>
                <td>
                  {p.evidenceKind ? t(`subject:evidence.kinds.${p.evidenceKind}`) : "—"}
                  {p.evidenceDocument ? <> № {p.evidenceDocument}, {fmt.date(`${p.evidenceDate}T12:00:00Z`)}, {p.evidenceIssuer}</> : null}
                </td>
                <td>{fmt.instant(p.proposedAt)}<br />{p.proposedByName ?? "—"}</td>
                <td>
                  {p.steps.length > 0 ? (
                    <div className="stack-tight">
                      {p.steps.includes("approve") ? (
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="annulmentId" value={p.annulmentId} />
                          <button type="submit" name="intent" value="approve" className="danger" aria-label={`${t("approvals.approve")}: ${p.inn}`}>{t("approvals.approve")}</button>
                        </Form>
                      ) : null}
                      {p.steps.includes("reject") ? (
                        <Form method="post" className="actions">
                          <CsrfInput />
                          <input type="hidden" name="annulmentId" value={p.annulmentId} />
                          <label htmlFor={`reason-${p.annulmentId}`} className="sr-only">{t("approvals.reason")}: {p.inn}</label>
                          <input id={`reason-${p.annulmentId}`} type="text" name="reason" required maxLength={500} placeholder={t("approvals.reason")} />
                          <button type="submit" name="intent" value="reject" className="secondary" aria-label={`${t("approvals.reject")}: ${p.inn}`}>{t("approvals.reject")}</button>
                        </Form>
                      ) : null}
                    </div>
                  ) : (
                    <p className="own-proposal">{p.own ? t("approvals.ownProposal") : t("approvals.supervisorOnly")}</p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="corrections-title">{t("corrections.title")}</h2>
      <p className="muted">{t("corrections.intro")}</p>
      {corrections.length === 0 ? <p>{t("corrections.empty")}</p> : (
        <table aria-labelledby="corrections-title" data-testid="corrections">
          <thead>
            <tr>
              <th scope="col">{t("approvals.subject")}</th>
              <th scope="col">{t("corrections.what")}</th>
              <th scope="col">{t("corrections.reason")}</th>
              <th scope="col">{t("approvals.proposed")}</th>
              <th scope="col">{t("approvals.decision")}</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr key={c.id} data-testid={`correction-${c.kind}`}>
                <td><Link to={`/desk/subjects/${c.inn}`}>{c.inn}</Link></td>
                <td>
                  {c.kind === "revoke_decision" ? (
                    <>{t(`corrections.kinds.revoke_decision.${c.decisionOutcome ?? "granted"}`)} {c.applicationId ? <Link to={`/desk/applications/${c.applicationId}`}>№ {c.decisionNumber}</Link> : null}</>
                  ) : (
                    <>{t("corrections.kinds.lift_evidence")} № {c.evidenceDocument}</>
                  )}
                </td>
                <td>
                  {c.reason}
                  {c.document ? <><br /><span className="hint">{t("corrections.document", { number: c.document.number, date: fmt.date(`${c.document.date}T12:00:00Z`), issuer: c.document.issuer })}</span></> : null}
                </td>
                <td>{fmt.instant(c.proposedAt)}<br />{c.proposedByName ?? "—"}</td>
                <td>
                  {c.steps.length > 0 ? (
                    <div className="stack-tight">
                      {c.steps.includes("approve") ? (
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="correctionId" value={c.id} />
                          <button type="submit" name="intent" value="approve_correction" className="danger" aria-label={`${t("corrections.approve")}: ${c.inn}`}>{t("corrections.approve")}</button>
                        </Form>
                      ) : null}
                      {c.steps.includes("reject") ? (
                        <Form method="post" className="actions">
                          <CsrfInput />
                          <input type="hidden" name="correctionId" value={c.id} />
                          <label htmlFor={`creason-${c.id}`} className="sr-only">{t("approvals.reason")}: {c.inn}</label>
                          <input id={`creason-${c.id}`} type="text" name="reason" required maxLength={500} placeholder={t("approvals.reason")} />
                          <button type="submit" name="intent" value="reject_correction" className="secondary" aria-label={`${t("approvals.reject")}: ${c.inn}`}>{t("approvals.reject")}</button>
                        </Form>
                      ) : null}
                    </div>
                  ) : (
                    <p className="own-proposal">{c.own ? t("approvals.ownProposal") : t("approvals.supervisorOnly")}</p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
