import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { makeApplicationFormSchema, noticeChannels, passwordProblems, poaCertifiers, requestKinds, subjectTypes } from "../../workflows/application/form";
import { submitApplication } from "../../workflows/application/service";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { lastApplicationCookie } from "~/utils/cookies.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { actionError } from "~/utils/errors.server";
import { formValues, nestForm, parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/i18n.server";
import { clientIp, hitRateLimit, LIMITS } from "~/utils/rate-limit.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["apply"], title: "apply:title" } satisfies I18nHandle;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const database = await db();
  const limit = await hitRateLimit(database, `apply:ip:${clientIp(request, context)}`, LIMITS.publicForm);
  if (!limit.allowed) return data({ fields: { _form: "rate_limited" }, values: {} as Record<string, string>, seconds: limit.retryAfterSeconds }, { status: 429 });
  const input = nestForm(form);
  // Sections the applicant did not tick are not part of the application.
  if (form.get("hasRepresentative") !== "on") delete input.representative;
  if (form.get("isMinor") !== "on") delete input.minor;
  delete input.hasRepresentative;
  delete input.isMinor;
  const now = new Date();
  try {
    const application = parseForm(input, makeApplicationFormSchema(() => now), "application.invalid");
    // The notices' language is the page's, as the server negotiated it for this request.
    const saved = await submitApplication(database, application, now, { language: await getLocale(request) });
    const cookie = await lastApplicationCookie().serialize({ code: saved.code, inn: application.inn });
    return redirect("/apply/done", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return actionError(error, { keyPrefix: "apply:", extra: { values: formValues(form), seconds: 0 } });
  }
}

function PasswordRules({ password, inn }: { password: string; inn: string }) {
  const { t } = useTranslation("apply");
  const problems = new Set(passwordProblems(password, inn));
  const rules = ["password.too_short", "password.needs_upper", "password.needs_lower", "password.needs_digit", "password.needs_special", "password.contains_inn"] as const;
  return (
    <ul className="rules" aria-live="polite" id="password-rules">
      {rules.map((rule) => {
        const ok = password.length > 0 && !problems.has(rule);
        return (
          <li key={rule} className={ok ? "rule-ok" : "rule-todo"}>
            <span aria-hidden="true">{ok ? "✓" : "•"}</span> {t(`rules.${rule}`)}
            <span className="sr-only">{ok ? t("rules.met") : t("rules.notMet")}</span>
          </li>
        );
      })}
    </ul>
  );
}

export default function Apply() {
  const { t } = useTranslation(["apply", "common"]);
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const fields: Record<string, string> = result?.fields ?? {};
  const v: Record<string, string> = result?.values ?? {};
  const [password, setPassword] = useState("");
  const [inn, setInn] = useState(v.inn ?? "");
  const err = (path: string) => (fields[path] ? t(fields[path]) : undefined);
  const errorCount = Object.keys(fields).length;
  return (
    <section aria-labelledby="apply-title">
      <h1 id="apply-title">{t("title")}</h1>
      <p>{t("intro")}</p>
      {fields._form === "rate_limited" ? (
        <p className="flash flash-error" role="alert">{t("common:errors.rate_limited", { seconds: result?.seconds })}</p>
      ) : errorCount > 0 ? (
        <p className="flash flash-error" role="alert">{t("hasErrors", { count: errorCount })}</p>
      ) : null}
      <Form method="post" className="stack wide" noValidate>
        <CsrfInput />
        <fieldset>
          <legend>{t("sections.request")}</legend>
          <div role="radiogroup" aria-label={t("fields.requestKind")} className="radios">
            {requestKinds.map((k) => (
              <label className="check" key={k}>
                <input type="radio" name="requestKind" value={k} defaultChecked={(v.requestKind ?? "grant") === k} /> {t(`requestKinds.${k}`)}
              </label>
            ))}
          </div>
          {err("requestKind") ? <span className="field-error">{err("requestKind")}</span> : null}
          <Field label={t("fields.subjectType")} error={err("subjectType")}>
            <select name="subjectType" defaultValue={v.subjectType ?? "individual"} aria-label={t("fields.subjectType")}>
              {subjectTypes.map((s) => <option key={s} value={s}>{t(`common:subjectTypes.${s}`)}</option>)}
            </select>
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t("sections.subject")}</legend>
          <Field label={t("fields.inn")} name="inn" inputMode="numeric" autoComplete="off" required maxLength={20} defaultValue={v.inn} onChange={(e) => setInn(e.currentTarget.value)} error={err("inn")} hint={t("hints.inn")} />
          <Field label={t("fields.name")} name="name" required maxLength={300} defaultValue={v.name} error={err("name")} hint={t("hints.name")} />
          <Field label={t("fields.headName")} name="headName" maxLength={300} defaultValue={v.headName} error={err("headName")} hint={t("hints.headName")} />
        </fieldset>

        <fieldset className="optional">
          <legend>{t("sections.representative")}</legend>
          <label className="check"><input type="checkbox" name="hasRepresentative" className="toggle" defaultChecked={v.hasRepresentative === "on"} /> {t("fields.hasRepresentative")}</label>
          <div className="optional-body">
            <Field label={t("fields.representative.name")} name="representative.name" maxLength={300} defaultValue={v["representative.name"]} error={err("representative.name")} />
            <Field label={t("fields.representative.idDocument")} name="representative.idDocument" maxLength={300} defaultValue={v["representative.idDocument"]} error={err("representative.idDocument")} hint={t("hints.idDocument")} />
            <Field label={t("fields.representative.poaNumber")} name="representative.poaNumber" maxLength={100} defaultValue={v["representative.poaNumber"]} error={err("representative.poaNumber")} />
            <Field label={t("fields.representative.poaDate")} name="representative.poaDate" type="date" defaultValue={v["representative.poaDate"]} error={err("representative.poaDate")} />
            <Field label={t("fields.representative.poaCertifiedBy")} error={err("representative.poaCertifiedBy")}>
              <select name="representative.poaCertifiedBy" defaultValue={v["representative.poaCertifiedBy"] ?? "notary"} aria-label={t("fields.representative.poaCertifiedBy")}>
                {poaCertifiers.map((c) => <option key={c} value={c}>{t(`certifiers.${c}`)}</option>)}
              </select>
            </Field>
            <Field label={t("fields.representative.poaCertifierName")} name="representative.poaCertifierName" maxLength={300} defaultValue={v["representative.poaCertifierName"]} error={err("representative.poaCertifierName")} />
          </div>
        </fieldset>

        <fieldset className="optional">
          <legend>{t("sections.minor")}</legend>
          <label className="check"><input type="checkbox" name="isMinor" className="toggle" defaultChecked={v.isMinor === "on"} /> {t("fields.isMinor")}</label>
          {err("minor") ? <span className="field-error">{err("minor")}</span> : null}
          <div className="optional-body">
            <Field label={t("fields.minor.birthCertificate")} name="minor.birthCertificate" maxLength={100} defaultValue={v["minor.birthCertificate"]} error={err("minor.birthCertificate")} />
            <Field label={t("fields.minor.legalRepName")} name="minor.legalRepName" maxLength={300} defaultValue={v["minor.legalRepName"]} error={err("minor.legalRepName")} />
            <Field label={t("fields.minor.legalRepPassport")} name="minor.legalRepPassport" maxLength={100} defaultValue={v["minor.legalRepPassport"]} error={err("minor.legalRepPassport")} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("sections.contacts")}</legend>
          <Field label={t("fields.phone")} name="phone" type="tel" autoComplete="tel" required maxLength={20} defaultValue={v.phone} error={err("phone")} hint={t("hints.phone")} />
          <Field label={t("fields.email")} name="email" type="email" autoComplete="email" maxLength={200} defaultValue={v.email} error={err("email")} />
          <fieldset aria-describedby="notify-hint">
            <legend>{t("fields.notify")}</legend>
            <p className="hint" id="notify-hint">{t("hints.notify")}</p>
            <div className="radios">
              {noticeChannels.map((c) => (
                <label className="check" key={c}>
                  <input type="radio" name="notify" value={c} defaultChecked={(v.notify ?? "none") === c} /> {t(`notifyChannels.${c}`)}
                </label>
              ))}
            </div>
            {err("notify") ? <span className="field-error">{err("notify")}</span> : null}
          </fieldset>
        </fieldset>

        <fieldset>
          <legend>{t("sections.password")}</legend>
          <p className="hint">{t("hints.password")}</p>
          <Field label={t("fields.password")} name="password" type="password" autoComplete="new-password" maxLength={128} onChange={(e) => setPassword(e.currentTarget.value)} error={err("password")} aria-describedby="password-rules" />
          <PasswordRules password={password} inn={inn} />
          <Field label={t("fields.passwordConfirm")} name="passwordConfirm" type="password" autoComplete="new-password" maxLength={128} error={err("passwordConfirm")} />
        </fieldset>

        <div className="actions">
          <button type="submit" disabled={busy}>{t("submit")}</button>
        </div>
      </Form>
    </section>
  );
}
