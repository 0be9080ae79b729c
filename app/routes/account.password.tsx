import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changeOwnPassword } from "../../workflows/auth/staff";
import { CsrfInput } from "~/components/csrf-input";
import { requireStaff, startSession } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { actionError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["auth"], title: "auth:changePassword.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = await readForm(request);
  const current = String(form.get("current") ?? "");
  const next = String(form.get("password") ?? "");
  if (next !== String(form.get("confirm") ?? "")) {
    return data({ ok: false as const, error: { key: "password.mismatch", code: "validation", details: { field: "confirm" } } }, { status: 400 });
  }
  try {
    const database = await db();
    // A password change ends every session of the user, this one included, in its transaction
    // (decision 068); a fresh one continues, with this one's second step (decision 065).
    await changeOwnPassword(database, staff.actor, current, next);
    const cookie = await startSession(staff.user.id, { twoFactorVerified: staff.secondFactor.verified });
    return redirectWithFlash("/account/password", { kind: "success", key: "auth:changePassword.done" }, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return actionError(error);
  }
}

export default function ChangePassword() {
  const { t } = useTranslation("auth");
  const result = useActionData<typeof action>();
  const error = result && !result.ok ? result.error : null;
  return (
    <section aria-labelledby="pw-title">
      <h1 id="pw-title">{t("changePassword.title")}</h1>
      {error ? <p className="flash flash-error" role="alert">{t(error.key, { ns: "common" })}</p> : null}
      <Form method="post" className="stack">
        <CsrfInput />
        <label>{t("changePassword.current")}<input type="password" name="current" autoComplete="current-password" required /></label>
        <label>
          {t("changePassword.new")}
          <span className="hint">{t("changePassword.rule")}</span>
          <input type="password" name="password" autoComplete="new-password" required minLength={10} />
        </label>
        <label>{t("changePassword.confirm")}<input type="password" name="confirm" autoComplete="new-password" required /></label>
        <div className="actions"><button type="submit">{t("changePassword.submit")}</button></div>
      </Form>
      <p><Link to="/account/two-factor">{t("twoFactor.link")}</Link></p>
    </section>
  );
}
