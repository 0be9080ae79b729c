import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOffices } from "../../workflows/admin/offices";
import { listRegions } from "../../workflows/admin/regions";
import { WorkflowError } from "../../workflows/errors";
import { jurisdictionSchema, moveStaff, setStaffDisabled, setStaffJurisdiction, staffMember } from "../../workflows/auth/staff";
import { listJournal } from "../../workflows/subject";
import { CsrfInput } from "~/components/csrf-input";
import { actionLabel, JournalTable } from "~/components/journal-table";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { actionError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["admin", "journal", "supervisor"], title: "admin:person.title" } satisfies I18nHandle;

/**
 * One staff member (decision 068): who they are, where they work and how far they see, the
 * administrator's acts on the account (move, disable with a reason, jurisdiction), the account's
 * history and what they did, both read from the journal.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, ADMIN_ROLES);
  const database = await db();
  const person = await staffMember(database, params.id ?? "");
  if (!person) throw new Response("Not found", { status: 404 });
  const [history, acts, offices, regions] = await Promise.all([
    // Administrators' acts on the account are in the administration chain ("global"): read along its
    // office index, not the whole journal. Sign-ins are the person's own acts, listed below.
    listJournal(database, { officeCode: "global", entity: { type: "staff", id: person.id }, exceptActions: ["staff.signed_in"] }, { limit: 100 }),
    listJournal(database, { actorId: person.id }, { limit: 20 }),
    listOffices(database),
    listRegions(database),
  ]);
  return {
    person,
    history: history.entries.map((e) => ({ id: e.id, at: e.at, action: e.action, actorName: e.actorName, before: e.before, after: e.after })),
    acts: acts.entries,
    moreActs: acts.next !== null,
    offices: offices.map((o) => ({ code: o.code, name: o.name })),
    regions,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const id = params.id ?? "";
  const database = await db();
  const here = `/admin/staff/${encodeURIComponent(id)}`;
  try {
    if (intent === "move") {
      await moveStaff(database, admin.actor, id, String(form.get("officeCode") ?? ""));
      return redirectWithFlash(here, { kind: "success", key: "admin:person.moved" });
    }
    if (intent === "disable" || intent === "enable") {
      // Disabling ends the person's sessions in the same transaction (decision 068).
      await setStaffDisabled(database, admin.actor, id, intent === "disable", String(form.get("reason") ?? ""));
      return redirectWithFlash(here, { kind: "success", key: intent === "disable" ? "admin:staff.disabledOk" : "admin:staff.enabledOk" });
    }
    if (intent === "jurisdiction") {
      await setStaffJurisdiction(database, admin.actor, id, parseForm(form, jurisdictionSchema));
      return redirectWithFlash(here, { kind: "success", key: "admin:person.jurisdictionSaved" });
    }
    throw new WorkflowError("validation", "supervisor:errors.request.unknown_intent");
  } catch (error) {
    return actionError(error, { extra: { intent } });
  }
}

/** What an account entry changed, in a few words: the offices of a move, the reason of a disabling. */
function Change({ action, before, after }: { action: string; before: unknown; after: unknown }) {
  const { t } = useTranslation(["admin", "supervisor"]);
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  if (action === "staff.moved") return <>{String(b.officeCode ?? "—")} → {String(a.officeCode ?? "—")}</>;
  if (action === "staff.disabled") return <>{String(a.reason ?? "")}</>;
  if (action === "staff.jurisdiction_changed") return <>{t(`person.jurisdictions.${String(a.jurisdiction)}`)}{a.regionCode ? ` (${String(a.regionCode)})` : ""}</>;
  if (action === "staff.created") return <>{a.officeCode ? String(a.officeCode) : "—"}</>;
  return null;
}

export default function StaffMember() {
  const { t } = useTranslation(["admin", "journal", "common", "supervisor"]);
  const fmt = useFormat();
  const { person, history, acts, moreActs, offices, regions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = (intent: string) => (result && "error" in result && result.intent === intent ? result.error : null);
  // A refusal about a field says what the field needs; others say what was refused.
  const problem = (intent: string) => {
    const error = failed(intent);
    if (!error) return null;
    const fields = result && "fields" in result ? Object.values(result.fields) : [];
    return <p className="flash flash-error" role="alert">{fields.length ? fields.map((key) => t(key)).join(" ") : t(error.key)}</p>;
  };
  return (
    <section aria-labelledby="person-title">
      <p><Link to="/admin/staff">← {t("staff.title")}</Link></p>
      <h1 id="person-title">{person.fullName} <span className="muted">({person.username})</span></h1>
      <dl className="facts">
        <dt>{t("staff.role")}</dt><dd>{t(`common:roles.${person.role}`)}</dd>
        <dt>{t("staff.office")}</dt><dd data-testid="person-office">{person.officeCode ? `${person.officeCode} — ${person.officeName ?? ""}` : "—"}</dd>
        <dt>{t("person.jurisdiction")}</dt><dd>{t(`person.jurisdictions.${person.jurisdiction}`)}{person.regionCode ? ` (${person.regionCode})` : ""}</dd>
        <dt>{t("staff.state")}</dt>
        <dd data-testid="person-state">{person.disabled ? <><span className="badge badge-bad">{t("staff.disabled")}</span> {person.disabledReason}</> : <span className="badge badge-ok">{t("staff.active")}</span>}</dd>
        <dt>{t("staff.secondFactor")}</dt><dd>{person.secondFactorSince ? t("staff.secondFactorOn") : t("staff.secondFactorOff")}</dd>
        <dt>{t("person.since")}</dt><dd>{fmt.instant(person.createdAt)}</dd>
      </dl>

      {person.role !== "admin" ? (
        <>
          <h2 id="move-title">{t("person.moveTitle")}</h2>
          <p className="muted">{t("person.moveHint")}</p>
          {problem("move")}
          <Form method="post" className="inline actions" aria-labelledby="move-title">
            <CsrfInput />
            <input type="hidden" name="intent" value="move" />
            <label htmlFor="move-office">{t("person.newOffice")}</label>
            <select id="move-office" name="officeCode" required defaultValue="">
              <option value="" disabled>—</option>
              {offices.filter((o) => o.code !== person.officeCode).map((o) => <option key={o.code} value={o.code}>{o.code} — {o.name}</option>)}
            </select>
            <button type="submit">{t("person.move")}</button>
          </Form>
        </>
      ) : null}

      {person.role === "supervisor" ? (
        <>
          <h2 id="jurisdiction-title">{t("person.jurisdiction")}</h2>
          <p className="muted">{t("person.jurisdictionHint")}</p>
          {problem("jurisdiction")}
          <Form method="post" className="inline actions" aria-labelledby="jurisdiction-title">
            <CsrfInput />
            <input type="hidden" name="intent" value="jurisdiction" />
            <label htmlFor="jurisdiction">{t("person.sees")}</label>
            <select id="jurisdiction" name="jurisdiction" defaultValue={person.jurisdiction}>
              {(["office", "region", "country"] as const).map((j) => <option key={j} value={j}>{t(`person.jurisdictions.${j}`)}</option>)}
            </select>
            <label htmlFor="jurisdiction-region">{t("regions.region")}</label>
            <select id="jurisdiction-region" name="regionCode" defaultValue={person.regionCode ?? ""}>
              <option value="">—</option>
              {regions.map((r) => <option key={r.code} value={r.code}>{r.code} — {r.name}</option>)}
            </select>
            <button type="submit" className="secondary">{t("person.saveJurisdiction")}</button>
          </Form>
        </>
      ) : null}

      <h2 id="access-title">{person.disabled ? t("staff.enable") : t("staff.disable")}</h2>
      {problem(person.disabled ? "enable" : "disable")}
      <Form method="post" className="stack" aria-labelledby="access-title">
        <CsrfInput />
        {person.disabled ? (
          <button type="submit" name="intent" value="enable">{t("staff.enable")}</button>
        ) : (
          <>
            <div className="field">
              <label htmlFor="disable-reason">{t("person.reason")}</label>
              <textarea id="disable-reason" name="reason" required minLength={3} maxLength={500} rows={2} aria-describedby="disable-reason-hint" />
              <span className="hint" id="disable-reason-hint">{t("person.reasonHint")}</span>
            </div>
            <div className="actions"><button type="submit" name="intent" value="disable" className="danger">{t("staff.disable")}</button></div>
          </>
        )}
      </Form>

      <h2 id="history-title">{t("person.historyTitle")}</h2>
      {history.length === 0 ? <p>{t("person.noHistory")}</p> : (
      <table aria-labelledby="history-title" data-testid="person-history">
        <thead>
          <tr><th scope="col">{t("journal:columns.at")}</th><th scope="col">{t("journal:columns.event")}</th><th scope="col">{t("person.change")}</th><th scope="col">{t("journal:columns.actor")}</th></tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id}>
              <td>{fmt.instant(h.at)}</td>
              <td>{actionLabel(t, h.action)}</td>
              <td><Change action={h.action} before={h.before} after={h.after} /></td>
              <td>{h.actorName ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      )}

      <h2 id="acts-title">{t("person.actsTitle")}</h2>
      {acts.length === 0 ? <p>{t("person.noActs")}</p> : <JournalTable rows={acts} caption={t("person.actsCaption")} />}
      <p>
        <Link to={`/admin/journal?actor=${person.id}`}>{moreActs ? t("person.allActs") : t("person.actsInJournal")}</Link>
      </p>
    </section>
  );
}
