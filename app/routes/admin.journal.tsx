import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOffices } from "../../workflows/admin/offices";
import { anchorAges, verifyAnchors, verifyJournal } from "../../workflows/journal";
import { decodeCursor, listJournal } from "../../workflows/subject";
// The action list and the label module import nothing: the page component uses them in the browser bundle too.
import { JOURNAL_ACTIONS } from "../../workflows/journal/actions";
import { KNOWN_ROLES } from "../../workflows/subject/labels";
import { CsrfInput } from "~/components/csrf-input";
import { DownloadLinks } from "~/components/download-links";
import { actionLabel } from "~/components/journal-table";
import extraStyles from "~/styles-extra.css?url";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { anchoringJob, anchoringTrustedPem, anchorNow } from "~/utils/jobs.server";
import { useFormat } from "~/utils/format";
import { journalFiltersOf } from "~/utils/journal-filters.server";
import type { I18nHandle } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: extraStyles }];
export const handle = { i18n: ["journal"], title: "journal:admin.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ADMIN_ROLES);
  const url = new URL(request.url);
  const { q, filters, fields, innInvalid } = journalFiltersOf(url);
  let cursor = null;
  try {
    cursor = decodeCursor(url.searchParams.get("after"));
  } catch {
    throw new Response("Bad cursor", { status: 400 });
  }
  const database = await db();
  const [page, offices, ages] = await Promise.all([listJournal(database, filters, { cursor, limit: 50 }), listOffices(database), anchorAges(database)]);
  const job = anchoringJob();
  return data(
    {
      q,
      fields,
      innInvalid,
      firstPage: cursor === null,
      next: page.next,
      entries: page.entries.map((e) => ({ ...e, at: e.at.toISOString(), before: e.before === null ? null : JSON.stringify(e.before), after: e.after === null ? null : JSON.stringify(e.after) })),
      offices: offices.map((o) => ({ code: o.code, name: o.name })),
      anchoring: {
        on: job !== undefined,
        ages,
        lastFailure: job?.state.failures ? { at: job.state.lastFailureAt!.toISOString(), message: job.state.lastFailure ?? "" } : null,
      },
    },
    { status: Object.keys(fields).length > 0 ? 400 : 200 },
  );
}

/**
 * On a button, not on every page view: `verify` recomputes every hash chain and checks every
 * time-stamp token against the configured TSA certificate (it reads the whole journal); `anchor`
 * stamps now every chain whose head moved (decision 062). Stamping is not journaled: an entry
 * would move the global chain's head it is stamping; the anchor rows are its record.
 */
export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request, ADMIN_ROLES);
  const form = await readForm(request);
  if (form.get("intent") === "anchor") {
    const round = await anchorNow();
    return data({ anchored: round ? { anchored: round.anchored.length, failed: round.failed.length } : null, verification: null, anchors: null, ms: 0 });
  }
  const started = Date.now();
  const database = await db();
  const result = await verifyJournal(database);
  const trusted = anchoringTrustedPem();
  const anchors = trusted ? await verifyAnchors(database, trusted) : null;
  return data({
    anchored: null,
    verification: result,
    anchors: anchors && { ok: anchors.ok, anchors: anchors.anchors, unprotected: anchors.unprotected, firstBreak: anchors.firstBreak, backdated: anchors.backdated.length },
    ms: Date.now() - started,
  });
}

export default function AdminJournal() {
  const { t } = useTranslation(["journal", "common"]);
  const fmt = useFormat();
  const { q, entries, next, firstPage, offices, innInvalid, fields, anchoring } = useLoaderData<typeof loader>();
  const verified = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== ""));
  return (
    <section aria-labelledby="journal-title">
      <h1 id="journal-title">{t("admin.title")}</h1>

      <section className="panel" aria-labelledby="verify-title">
        <h2 id="verify-title">{t("admin.verifyTitle")}</h2>
        <p>{t("admin.verifyText")}</p>
        <Form method="post">
          <CsrfInput />
          <button type="submit" disabled={busy}>{t("admin.verify")}</button>
        </Form>
        {verified?.verification ? (
          <div role="status" className={verified.verification.ok && verified.anchors?.ok !== false ? "verify-ok" : "verify-bad"} data-testid="verification">
            {verified.verification.ok ? (
              <p><span className="badge badge-ok">{t("admin.chainOk")}</span> {t("admin.chainOkText", { entries: verified.verification.entries, chains: verified.verification.chains, ms: verified.ms })}</p>
            ) : (
              <p><span className="badge badge-bad">{t("admin.chainBroken")}</span> {t("admin.chainBrokenText", { chain: verified.verification.firstBreak?.chain, seq: verified.verification.firstBreak?.seq, id: verified.verification.firstBreak?.id, reason: t(`admin.reasons.${verified.verification.firstBreak?.reason}`) })}</p>
            )}
            {verified.anchors ? (
              verified.anchors.firstBreak ? (
                <p><span className="badge badge-bad">{t("admin.anchorsBroken")}</span> {t("admin.anchorsBrokenText", { chain: verified.anchors.firstBreak.chain, seq: verified.anchors.firstBreak.seq, from: verified.anchors.firstBreak.fromSeq, reason: t(`admin.anchorReasons.${verified.anchors.firstBreak.reason}`) })}</p>
              ) : (
                <p><span className="badge badge-ok">{t("admin.anchorsOk")}</span> {t("admin.anchorsOkText", { anchors: verified.anchors.anchors, unprotected: verified.anchors.unprotected })}</p>
              )
            ) : null}
            {verified.anchors?.backdated ? <p>{t("admin.anchorsBackdated", { count: verified.anchors.backdated })}</p> : null}
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="anchors-title">
        <h2 id="anchors-title">{t("admin.anchorsTitle")}</h2>
        <p>{t("admin.anchorsText")}</p>
        {anchoring.on ? (
          <>
            <ul>
              {anchoring.ages.map((a) => <li key={a.chain}>{t("admin.anchorAge", { chain: a.chain, age: Math.round(a.ageSeconds), unanchored: a.unanchored })}</li>)}
            </ul>
            {anchoring.lastFailure ? <p role="alert">{t("admin.lastFailure", { at: fmt.instant(anchoring.lastFailure.at), message: anchoring.lastFailure.message })}</p> : null}
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="anchor" />
              <button type="submit" disabled={busy}>{t("admin.anchorNow")}</button>
            </Form>
            {verified?.anchored ? <p role="status" data-testid="anchored">{t("admin.anchoredNow", verified.anchored)}</p> : null}
          </>
        ) : <p role="status">{t("admin.anchorsOff")}</p>}
      </section>

      <h2 id="filters-title">{t("admin.filters")}</h2>
      <Form method="get" className="filters" aria-labelledby="filters-title">
        {/* One staff member's acts, from their audit page (decision 068): kept while the other filters change. */}
        {q.actor ? <input type="hidden" name="actor" value={q.actor} /> : null}
        <div className="field">
          <label htmlFor="f-office">{t("columns.office")}</label>
          <select id="f-office" name="office" defaultValue={q.office}>
            <option value="">{t("admin.any")}</option>
            <option value="global">{t("noOffice")}</option>
            {offices.map((o) => <option key={o.code} value={o.code}>{o.code} — {o.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-role">{t("columns.role")}</label>
          <select id="f-role" name="role" defaultValue={q.role}>
            <option value="">{t("admin.any")}</option>
            {KNOWN_ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-action">{t("columns.event")}</label>
          <select id="f-action" name="action" defaultValue={q.action}>
            <option value="">{t("admin.any")}</option>
            {/* Every action the journal records, from the one list (a DISTINCT over 100,000 rows would be a full scan). */}
            {JOURNAL_ACTIONS.map((a) => <option key={a} value={a}>{actionLabel(t, a)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-inn">{t("columns.inn")}</label>
          <input id="f-inn" type="text" name="inn" inputMode="numeric" defaultValue={q.inn} maxLength={20} aria-invalid={innInvalid || undefined} aria-describedby={innInvalid ? "f-inn-error" : undefined} />
          {innInvalid ? <span className="field-error" id="f-inn-error">{t("admin.innInvalid")}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="f-from">{t("admin.from")}</label>
          <input id="f-from" type="date" name="from" defaultValue={q.from} aria-invalid={fields.from ? true : undefined} aria-describedby={fields.from ? "f-from-error" : undefined} />
          {fields.from ? <span className="field-error" id="f-from-error">{t(fields.from)}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="f-to">{t("admin.to")}</label>
          <input id="f-to" type="date" name="to" defaultValue={q.to} aria-invalid={fields.to ? true : undefined} aria-describedby={fields.to ? "f-to-error" : undefined} />
          {fields.to ? <span className="field-error" id="f-to-error">{t(fields.to)}</span> : null}
        </div>
        <button type="submit">{t("admin.apply")}</button>
        <Link to="/admin/journal">{t("admin.reset")}</Link>
      </Form>

      {entries.length > 0 && !innInvalid && Object.keys(fields).length === 0 ? (
        <DownloadLinks
          id="journal-download"
          path="/admin/journal/export"
          params={base}
          label={t("admin.export.label")}
          csv={t("admin.export.csv")}
          xlsx={t("admin.export.xlsx")}
          hint={t("admin.export.hint")}
        />
      ) : null}
      {entries.length === 0 ? <p role="status">{t("admin.empty")}</p> : (
        <table>
          <caption>{t("admin.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.at")}</th><th scope="col">{t("columns.event")}</th><th scope="col">{t("columns.office")}</th>
              <th scope="col">{t("columns.role")}</th><th scope="col">{t("columns.actor")}</th><th scope="col">{t("columns.inn")}</th>
              <th scope="col">{t("columns.change")}</th><th scope="col">{t("columns.seq")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td><time dateTime={e.at}>{fmt.instant(e.at)}</time></td>
                <td>{actionLabel(t, e.action)}</td>
                <td>{e.officeCode ?? t("noOffice")}</td>
                <td>{t(`roles.${e.role}`, { defaultValue: e.role })}</td>
                <td>{e.actorName ?? "—"}</td>
                <td>{e.subjectInn ? <Link to={`/admin/journal?inn=${e.subjectInn}`}>{e.subjectInn}</Link> : "—"}</td>
                <td className="json-cell">{e.before ? <div>{t("columns.before")}: {e.before}</div> : null}{e.after ? <div>{t("columns.after")}: {e.after}</div> : null}</td>
                <td className="num">{e.chain}#{e.seq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pagination" aria-label={t("admin.pages")}>
        {!firstPage ? <Link to={`/admin/journal?${new URLSearchParams(base)}`}>{t("newest")}</Link> : null}
        {next ? <Link to={`/admin/journal?${new URLSearchParams({ ...base, after: next })}`} rel="next">{t("older")}</Link> : null}
      </nav>
    </section>
  );
}
