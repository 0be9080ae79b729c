import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isWorkflowError, makeEvidenceSchema, officeRef, proposeCorrection, proposeFictitiousAnnulment, recordEvidence, responsibleOfficeRef, subjectCard, targetCorrections, WorkflowError, type OfficeRef } from "../../workflows";
import { decodeCursor, listJournal, searchSubjects, subjectDocuments } from "../../workflows/subject";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { JournalTable } from "~/components/journal-table";
import extraStyles from "~/styles-extra.css?url";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { actionError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { nestForm, parseForm } from "~/utils/forms";
import { makeLiftingDocumentSchema } from "../../workflows/corrections/lifting-form";
import { officeText } from "~/utils/offices";
import type { I18nHandle } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: extraStyles }];
export const handle = { i18n: ["subject", "journal", "supervisor"], title: "subject:card.documentTitle" } satisfies I18nHandle;

const INN = /^\d{14}$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const inn = params.inn ?? "";
  if (!INN.test(inn)) throw new Response("Not found", { status: 404 });
  const database = await db();
  const url = new URL(request.url);
  let card;
  try {
    card = await subjectCard(database, staff.actor, inn, new Date());
  } catch (error) {
    if (isWorkflowError(error) && error.code === "forbidden") {
      // R13: another office's subject. Say so plainly; show only what search shows anyway.
      const [[hit], subjectOffice, ownOffice] = await Promise.all([
        searchSubjects(database, inn).then((r) => r.hits),
        responsibleOfficeRef(database, inn, null),
        officeRef(database, staff.user.officeCode),
      ]);
      return data(
        { forbidden: true as const, inn, name: hit?.name ?? null, subjectOffice, subjectOfficeCode: hit?.officeCode ?? null, ownOffice, ownOfficeCode: staff.user.officeCode },
        { status: 403 },
      );
    }
    throw error;
  }
  if (!card.registration.found && card.applications.length === 0 && !card.account) throw new Response("Not found", { status: 404 });
  const [hit] = (await searchSubjects(database, inn)).hits;
  let cursor = null;
  try {
    cursor = decodeCursor(url.searchParams.get("after"));
  } catch {
    cursor = null;
  }
  const [documents, journal] = await Promise.all([subjectDocuments(database, inn), listJournal(database, { inn }, { cursor, limit: 25 })]);
  // Decision 063: each evidence's lifting, as the correction machine allows this staff member.
  const lifting = await targetCorrections(database, staff.actor, "lift_evidence", card.evidence.map((e) => e.id), card.office?.code ?? null, new Date());
  return {
    forbidden: false as const,
    inn,
    name: hit?.name ?? null,
    subjectType: hit?.subjectType ?? null,
    registration: card.registration,
    office: card.office,
    account: card.account,
    steps: card.steps,
    applications: card.applications,
    evidence: card.evidence.map((e) => {
      const latest = lifting[e.id]?.latest ?? null;
      return { ...e, liftingId: latest?.status === "approved" ? latest.id : null, liftingProposed: latest?.status === "proposed", canProposeLifting: lifting[e.id]?.canPropose ?? false };
    }),
    evidenceFormKey: `evidence-${card.evidence.length}`,
    annulments: card.annulments.map((a) => ({ id: a.id, kind: a.kind, status: a.status, proposedAt: a.proposedAt, decidedAt: a.decidedAt, reason: a.reason })),
    documents,
    journal: journal.entries.map((e) => ({ id: e.id, at: e.at, action: e.action, role: e.role, officeCode: e.officeCode, officeName: e.officeName, actorName: e.actorName })),
    journalNext: journal.next,
    journalFirstPage: cursor === null,
    isSupervisor: staff.user.role === "supervisor",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const form = await readForm(request);
  const inn = params.inn ?? "";
  const intent = form.get("intent");
  const database = await db();
  const back = `/desk/subjects/${inn}`;
  try {
    if (intent === "evidence") {
      const now = new Date();
      const evidence = parseForm({ ...nestForm(form), inn }, makeEvidenceSchema(() => now), "evidence.invalid");
      await recordEvidence(database, staff.actor, evidence, now);
      return redirectWithFlash(back, { kind: "success", key: "subject:evidence.recorded" });
    }
    if (intent === "propose_lifting") {
      const now = new Date();
      const document = parseForm(form, makeLiftingDocumentSchema(() => now), "lifting.invalid");
      await proposeCorrection(database, staff.actor, "lift_evidence", String(form.get("evidenceId") ?? ""), { reason: String(form.get("reason") ?? "").slice(0, 1000), document }, now);
      return redirectWithFlash(back, { kind: "success", key: "subject:lifting.proposed" });
    }
    if (intent === "propose") {
      await proposeFictitiousAnnulment(database, staff.actor, inn, String(form.get("evidenceId") ?? ""), new Date());
      return redirectWithFlash(back, { kind: "success", key: "subject:propose.done" });
    }
    throw new WorkflowError("validation", "request.unknown_intent");
  } catch (error) {
    return actionError(error, { keyPrefix: "supervisor:errors.", extra: { intent: String(intent) } });
  }
}

type ForbiddenProps = { inn: string; name: string | null; subjectOffice: OfficeRef | null; subjectOfficeCode: string | null; ownOffice: OfficeRef | null; ownOfficeCode: string | null };

function ForbiddenCard({ inn, name, subjectOffice, subjectOfficeCode, ownOffice, ownOfficeCode }: ForbiddenProps) {
  const { t } = useTranslation(["subject", "common"]);
  return (
    <div className="panel refused-note" role="alert">
      <p><strong data-testid="other-office">{t("card.otherOffice", { office: officeText(t, subjectOffice, subjectOfficeCode), own: ownOffice?.name ?? ownOfficeCode ?? "—" })}</strong></p>
      <p>{inn}{name ? ` — ${name}` : ""}</p>
    </div>
  );
}

export default function SubjectCardPage() {
  const { t } = useTranslation(["subject", "common", "journal", "supervisor"]);
  const fmt = useFormat();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result && !result.ok ? result.error : null;
  const fields: Record<string, string> = result && !result.ok ? result.fields : {};
  const errorText = error ? t(error.key, { defaultValue: t(`common:errors.http.${error.code === "forbidden" ? 403 : error.code === "validation" ? 400 : 409}.text`) }) : null;

  if (d.forbidden) {
    return (
      <section aria-labelledby="card-title">
        <h1 id="card-title">{t("card.title", { inn: d.inn })}</h1>
        {errorText ? <p className="flash flash-error" role="alert" data-testid="action-error">{errorText}</p> : null}
        <ForbiddenCard inn={d.inn} name={d.name} subjectOffice={d.subjectOffice} subjectOfficeCode={d.subjectOfficeCode} ownOffice={d.ownOffice} ownOfficeCode={d.ownOfficeCode} />
      </section>
    );
  }
  const activeAccount = d.account?.status === "active";
  const pending = d.annulments.find((a) => a.status === "proposed");
  return (
    <section aria-labelledby="card-title">
      <h1 id="card-title">{t("card.title", { inn: d.inn })}</h1>
      {errorText ? <p className="flash flash-error" role="alert" data-testid="action-error">{errorText}</p> : null}
      <div className="card-grid">
        <section className="panel" aria-labelledby="reg-title">
          <h2 id="reg-title">{t("card.registry")}</h2>
          <dl className="facts">
            <dt>{t("fields.inn")}</dt><dd>{d.inn}</dd>
            <dt>{t("fields.name")}</dt><dd>{d.name ?? "—"}</dd>
            <dt>{t("fields.subjectType")}</dt><dd>{d.subjectType ? t(`common:subjectTypes.${d.subjectType}`) : "—"}</dd>
            <dt>{t("fields.office")}</dt><dd>{officeText(t, d.office, d.registration.officeCode)}</dd>
            <dt>{t("fields.registration")}</dt>
            <dd>{d.registration.found && d.registration.status ? t(`common:registrationStatus.${d.registration.status}`) : t("card.notInRegistry")}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="account-title">
          <h2 id="account-title">{t("card.account")}</h2>
          {d.account ? (
            <dl className="facts">
              <dt>{t("fields.login")}</dt><dd><span className="login-big mono" data-testid="login">{d.account.login}</span></dd>
              <dt>{t("fields.account")}</dt>
              <dd><span className={`badge ${activeAccount ? "badge-ok" : d.account.status === "suspended" || d.account.status === "locked" ? "badge-warning" : "badge-bad"}`} data-testid="account-status">{t(`accountStatus.${d.account.status}`)}</span></dd>
              <dt>{t("card.since")}</dt><dd>{fmt.instant(d.account.createdAt)}</dd>
              {d.account.accessEndsAt ? (<><dt>{t("card.accessEnds")}</dt><dd>{fmt.instant(d.account.accessEndsAt)}</dd></>) : null}
            </dl>
          ) : (
            <p>{t("card.noAccount")}</p>
          )}
          {d.account ? <p className="hint">{t("card.loginHint")}</p> : null}
          {pending ? (
            <p className="flash flash-info">{t("card.pendingProposal")} {d.isSupervisor ? <Link to="/desk/approvals">{t("card.toApprovals")}</Link> : null}</p>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="apps-title">
        <h2 id="apps-title">{t("card.applications")}</h2>
        {d.applications.length === 0 ? <p>{t("card.noApplications")}</p> : (
          <table>
            <caption className="sr-only">{t("card.applications")}</caption>
            <thead><tr><th scope="col">{t("fields.code")}</th><th scope="col">{t("fields.requestKind")}</th><th scope="col">{t("fields.status")}</th><th scope="col">{t("fields.savedAt")}</th><th scope="col">{t("fields.incomingNumber")}</th></tr></thead>
            <tbody>
              {d.applications.map((a) => (
                <tr key={a.id}>
                  <td><Link to={`/desk/applications/${a.id}`} className="mono">{a.code}</Link></td>
                  <td>{t(`requestKinds.${a.requestKind}`)}</td>
                  <td>{t(`appStatus.${a.status}`, { defaultValue: a.status })}</td>
                  <td>{fmt.instant(a.createdAt)}</td>
                  <td>{a.incomingNumber ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="evidence-title">
        <h2 id="evidence-title">{t("evidence.title")}</h2>
        {d.evidence.length === 0 ? <p>{t("evidence.none")}</p> : (
          <table>
            <caption className="sr-only">{t("evidence.title")}</caption>
            <thead><tr><th scope="col">{t("evidence.kind")}</th><th scope="col">{t("evidence.documentNumber")}</th><th scope="col">{t("evidence.documentDate")}</th><th scope="col">{t("evidence.issuer")}</th><th scope="col">{t("evidence.recordedAt")}</th><th scope="col">{t("lifting.state")}</th></tr></thead>
            <tbody>
              {d.evidence.map((e) => (
                <tr key={e.id}>
                  <td>{t(`evidence.kinds.${e.kind}`)}</td><td>{e.documentNumber}</td><td>{fmt.date(`${e.documentDate}T12:00:00Z`)}</td><td>{e.issuer}</td><td>{fmt.instant(e.recordedAt)}</td>
                  <td data-testid="evidence-state">
                    {e.lifted
                      ? t("lifting.lifted", { number: e.lifted.number, at: fmt.instant(e.lifted.at), document: e.lifted.documentNumber, date: fmt.date(`${e.lifted.documentDate}T12:00:00Z`), issuer: e.lifted.documentIssuer })
                      : e.liftingProposed ? t("lifting.pending") : t("lifting.inForce")}
                    {e.liftingId ? (
                      <form method="post" action={`/desk/corrections/${e.liftingId}/print`} target="_blank" className="inline">
                        <CsrfInput />
                        <input type="hidden" name="what" value="lifting" />
                        <input type="hidden" name="back" value={`/desk/subjects/${d.inn}`} />
                        <button type="submit" className="secondary" data-print="lifting">{t("lifting.print")}</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <details open={result?.intent === "evidence" ? true : undefined}>
          <summary>{t("evidence.add")}</summary>
          {/* Keyed by what is recorded: after a save the form mounts again, empty, so a second click cannot repeat it. */}
          <Form method="post" className="stack" noValidate key={d.evidenceFormKey}>
            <CsrfInput />
            <input type="hidden" name="intent" value="evidence" />
            <Field label={t("evidence.kind")} error={fields.kind ? t(fields.kind) : undefined}>
              <select name="kind" aria-label={t("evidence.kind")} defaultValue="fictitious_supplies">
                <option value="fictitious_supplies">{t("evidence.kinds.fictitious_supplies")}</option>
                <option value="fictitious_entrepreneurship">{t("evidence.kinds.fictitious_entrepreneurship")}</option>
              </select>
            </Field>
            <Field label={t("evidence.documentNumber")} name="documentNumber" required maxLength={100} error={fields.documentNumber ? t(fields.documentNumber) : undefined} />
            <Field label={t("evidence.documentDate")} name="documentDate" type="date" required error={fields.documentDate ? t(fields.documentDate) : undefined} />
            <Field label={t("evidence.issuer")} name="issuer" required maxLength={300} error={fields.issuer ? t(fields.issuer) : undefined} />
            <div className="actions"><button type="submit">{t("evidence.submit")}</button></div>
          </Form>
        </details>
        {d.steps.includes("propose") ? (
          <Form method="post" className="stack panel" aria-labelledby="propose-title">
            <h3 id="propose-title">{t("propose.title")}</h3>
            <p>{t("propose.text")}</p>
            <CsrfInput />
            <input type="hidden" name="intent" value="propose" />
            <Field label={t("propose.evidence")}>
              <select name="evidenceId" aria-label={t("propose.evidence")}>
                {d.evidence.filter((e) => !e.lifted).map((e) => <option key={e.id} value={e.id}>{`${t(`evidence.kinds.${e.kind}`)} № ${e.documentNumber}`}</option>)}
              </select>
            </Field>
            <div className="actions"><button type="submit" className="danger">{t("propose.submit")}</button></div>
          </Form>
        ) : null}
        {d.evidence.some((e) => e.canProposeLifting) ? (
          <details open={result?.intent === "propose_lifting" ? true : undefined}>
            <summary>{t("lifting.title")}</summary>
            <Form method="post" className="stack" aria-label={t("lifting.title")}>
              <p className="hint">{t("lifting.text")}</p>
              <CsrfInput />
              <input type="hidden" name="intent" value="propose_lifting" />
              <Field label={t("propose.evidence")}>
                <select name="evidenceId" aria-label={t("lifting.evidence")}>
                  {d.evidence.filter((e) => e.canProposeLifting).map((e) => <option key={e.id} value={e.id}>{`${t(`evidence.kinds.${e.kind}`)} № ${e.documentNumber}`}</option>)}
                </select>
              </Field>
              <Field label={t("lifting.documentNumber")} name="liftNumber" required maxLength={100} />
              <Field label={t("lifting.documentDate")} name="liftDate" type="date" required />
              <Field label={t("lifting.issuer")} name="liftIssuer" required maxLength={300} />
              <Field label={t("lifting.reason")} name="reason" required maxLength={1000} />
              <div className="actions"><button type="submit" className="danger">{t("lifting.submit")}</button></div>
            </Form>
          </details>
        ) : null}
      </section>

      {d.annulments.length > 0 ? (
        <section aria-labelledby="annul-title">
          <h2 id="annul-title">{t("annulments.title")}</h2>
          <table>
            <caption className="sr-only">{t("annulments.title")}</caption>
            <thead><tr><th scope="col">{t("annulments.kind")}</th><th scope="col">{t("fields.status")}</th><th scope="col">{t("annulments.proposedAt")}</th><th scope="col">{t("annulments.decidedAt")}</th><th scope="col">{t("annulments.reason")}</th></tr></thead>
            <tbody>
              {d.annulments.map((a) => (
                <tr key={a.id}>
                  <td>{t(`annulments.kinds.${a.kind}`)}</td><td>{t(`annulments.statuses.${a.status}`)}</td>
                  <td>{fmt.instant(a.proposedAt)}</td><td>{fmt.instant(a.decidedAt)}</td><td>{a.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="docs-title">
        <h2 id="docs-title">{t("documents.title")}</h2>
        {d.documents.length === 0 ? <p>{t("documents.none")}</p> : (
          <table>
            <caption className="sr-only">{t("documents.title")}</caption>
            <thead><tr><th scope="col">{t("documents.number")}</th><th scope="col">{t("documents.kind")}</th><th scope="col">{t("documents.issuedAt")}</th><th scope="col">{t("documents.reprints")}</th><th scope="col">{t("documents.check")}</th></tr></thead>
            <tbody>
              {d.documents.map((doc) => (
                <tr key={doc.id}>
                  <td>{doc.number}</td><td>{t(`documents.kinds.${doc.kind}`)}</td><td>{fmt.instant(doc.issuedAt)}</td><td className="num">{doc.reprints}</td>
                  <td><a href={`/verify/${doc.id}?h=${doc.contentHash.slice(0, 16)}`}>{t("documents.verify")}<span className="sr-only"> {doc.number}</span></a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="journal-title">
        <h2 id="journal-title">{t("card.journal")}</h2>
        <Form method="post" action={`/desk/subjects/${d.inn}/journal.pdf`} reloadDocument target="_blank" className="no-print">
          <CsrfInput />
          <button type="submit" className="secondary">{t("card.printJournal")}</button>
        </Form>
        <JournalTable rows={d.journal} caption={t("card.journalCaption")} showNames />
        <nav className="pagination" aria-label={t("card.journalPages")}>
          {!d.journalFirstPage ? <Link to={`/desk/subjects/${d.inn}`}>{t("journal:newest")}</Link> : null}
          {d.journalNext ? <Link to={`/desk/subjects/${d.inn}?${new URLSearchParams({ after: d.journalNext })}`}>{t("journal:older")}</Link> : null}
        </nav>
      </section>
    </section>
  );
}
