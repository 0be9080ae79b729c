import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOffices } from "../../workflows/admin/offices";
import { WorkflowError } from "../../workflows/errors";
import { createStaff, listStaff, newStaffSchema, resetStaffPassword } from "../../workflows/auth/staff";
import { unlockStaffSignIn } from "../../workflows/auth/guessing";
import { resetSecondFactor } from "../../workflows/auth/two-factor";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { actionError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { heldStaffLogins } from "~/utils/guessing.server";
import { formValues, parseForm } from "~/utils/forms";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["admin", "auth", "supervisor"], title: "admin:staff.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  const database = await db();
  const [staff, offices] = await Promise.all([listStaff(database), listOffices(database)]);
  const held = await heldStaffLogins(database, staff.map((s) => s.username));
  return {
    // One's own factor is reset by another administrator (decision 065): no button on one's own row.
    staff: staff.map((s) => ({ ...s, held: held.has(s.username), self: s.id === admin.user.id })),
    offices: offices.map((o) => ({ code: o.code, name: o.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  const form = await readForm(request);
  const intent = form.get("intent");
  const database = await db();
  try {
    if (intent === "create") {
      const staff = parseForm(form, newStaffSchema);
      await createStaff(database, admin.actor, staff);
      return redirectWithFlash("/admin/staff", { kind: "success", key: "admin:staff.created", values: { username: staff.username } });
    }
    const userId = String(form.get("userId") ?? "");
    if (intent === "unlock") {
      await unlockStaffSignIn(database, admin.actor, userId);
      return redirectWithFlash("/admin/staff", { kind: "success", key: "admin:staff.unlocked" });
    }
    if (intent === "reset_second_factor") {
      // The factor, the recovery codes and every session of the person go in one transaction (decision 065).
      await resetSecondFactor(database, admin.actor, userId);
      return redirectWithFlash("/admin/staff", { kind: "success", key: "admin:staff.secondFactorReset" });
    }
    if (intent === "reset") {
      // The person's sessions end in the same transaction as the new password (decision 068).
      await resetStaffPassword(database, admin.actor, userId, String(form.get("password") ?? ""));
      return redirectWithFlash("/admin/staff", { kind: "success", key: "admin:staff.reset" });
    }
    throw new WorkflowError("validation", "supervisor:errors.request.unknown_intent");
  } catch (error) {
    return actionError(error, { extra: { intent: String(intent), values: formValues(form) } });
  }
}

export default function AdminStaff() {
  const { t } = useTranslation(["admin", "common"]);
  const { staff, offices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fields: Record<string, string> = result && "fields" in result ? result.fields : {};
  const values: Record<string, string> = result && "values" in result ? result.values : {};
  const domainError = result && "error" in result ? result.error : null;
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">{t("staff.title")}</h1>
      {domainError && !domainError.details.field ? <p className="flash flash-error" role="alert">{t(domainError.key)}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{t("staff.username")}</th><th scope="col">{t("staff.fullName")}</th><th scope="col">{t("staff.role")}</th>
            <th scope="col">{t("staff.office")}</th><th scope="col">{t("staff.state")}</th><th scope="col">{t("staff.secondFactor")}</th>
            <th scope="col">{t("staff.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td><Link to={`/admin/staff/${s.id}`}>{s.username}</Link></td>
              <td>{s.fullName}</td>
              <td>{t(`common:roles.${s.role}`)}</td>
              <td>{s.officeCode ?? "—"}{s.jurisdiction !== "office" ? <><br /><span className="muted">{t(`person.jurisdictions.${s.jurisdiction}`)}{s.regionCode ? ` (${s.regionCode})` : ""}</span></> : null}</td>
              <td>
                {s.disabled ? <span className="badge badge-bad">{t("staff.disabled")}</span>
                  : s.held ? <span className="badge badge-warning">{t("staff.locked")}</span>
                  : <span className="badge badge-ok">{t("staff.active")}</span>}
              </td>
              <td>
                {s.secondFactorSince ? <span className="badge badge-ok">{t("staff.secondFactorOn")}</span> : <span className="muted">{t("staff.secondFactorOff")}</span>}
              </td>
              <td>
                <div className="actions">
                  {/* Moving, disabling with a reason, jurisdiction and the person's journal: their own page (decision 068). */}
                  <Link to={`/admin/staff/${s.id}`} className="button secondary" aria-label={`${t("staff.manage")}: ${s.username}`}>{t("staff.manage")}</Link>
                  <Form method="post" className="inline">
                    <CsrfInput />
                    <input type="hidden" name="userId" value={s.id} />
                    <button type="submit" name="intent" value="unlock" className="secondary" aria-label={`${t("staff.unlock")}: ${s.username}`}>
                      {t("staff.unlock")}
                    </button>
                  </Form>
                  {s.secondFactorSince && !s.self ? (
                    <Form method="post" className="inline">
                      <CsrfInput />
                      <input type="hidden" name="userId" value={s.id} />
                      <button type="submit" name="intent" value="reset_second_factor" className="secondary" aria-label={`${t("staff.resetSecondFactor")}: ${s.username}`}>
                        {t("staff.resetSecondFactor")}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post" className="inline actions">
                    <CsrfInput />
                    <input type="hidden" name="userId" value={s.id} />
                    <input type="password" name="password" autoComplete="new-password" aria-label={`${t("staff.newPassword")}: ${s.username}`} placeholder={t("staff.newPassword")} required minLength={10} style={{ width: "12rem" }} />
                    <button type="submit" name="intent" value="reset" className="secondary">{t("staff.resetPassword")}</button>
                  </Form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("staff.createTitle")}</h2>
      <Form method="post" className="stack">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <Field label={t("staff.username")} name="username" required defaultValue={values.username} error={fields.username && t(fields.username)} hint={t("staff.usernameHint")} autoComplete="off" />
        <Field label={t("staff.fullName")} name="fullName" required defaultValue={values.fullName} error={fields.fullName && t(fields.fullName)} />
        <Field label={t("staff.role")} error={fields.role && t(fields.role)}>
          <select name="role" defaultValue={values.role ?? "inspector"} aria-label={t("staff.role")}>
            <option value="inspector">{t("common:roles.inspector")}</option>
            <option value="supervisor">{t("common:roles.supervisor")}</option>
            <option value="admin">{t("common:roles.admin")}</option>
          </select>
        </Field>
        <Field label={t("staff.office")} error={fields.officeCode && t(fields.officeCode)}>
          <select name="officeCode" defaultValue={values.officeCode ?? offices[0]?.code} aria-label={t("staff.office")}>
            <option value="">{t("staff.noOffice")}</option>
            {offices.map((o) => <option key={o.code} value={o.code}>{o.code} — {o.name}</option>)}
          </select>
        </Field>
        <Field label={t("staff.password")} name="password" type="password" required autoComplete="new-password" error={fields.password && t(`common:${fields.password}`)} hint={t("auth:changePassword.rule")} />
        <div className="actions"><button type="submit">{t("staff.create")}</button></div>
      </Form>
    </section>
  );
}
