import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { refuseElectronicInteraction } from "../../workflows/account/refusal";
import { isWorkflowError } from "../../workflows/errors";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { cabinetGuesses, cabinetSource } from "~/utils/credential-check.server";
import { clientIp, hitRateLimit, hitRateLimits, LIMITS, refundRateLimits } from "~/utils/rate-limit.server";
import { verificationUrl } from "../../templates";
import { env } from "~/utils/env.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["refuse"], title: "refuse:title" } satisfies I18nHandle;

/**
 * UA seed: the subject may refuse electronic interaction at any time, online, signed in with their
 * login and password. Access ends at the start of the next calendar day (office time).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const login = String(form.get("login") ?? "").slice(0, 100);
  const password = String(form.get("password") ?? "").slice(0, 200);
  if (form.get("confirm") !== "on") return data({ ok: false as const, error: "confirmRequired", seconds: 0 }, { status: 400 });
  const database = await db();
  const byIp = await hitRateLimit(database, `refuse:ip:${clientIp(request, context)}`, LIMITS.statusLookup);
  const byLogin = await hitRateLimits(database, cabinetGuesses(login, cabinetSource({ ip: clientIp(request, context) })));
  if (!byIp.allowed || !byLogin.allowed) {
    return data({ ok: false as const, error: "rateLimited", seconds: Math.max(byIp.retryAfterSeconds, byLogin.retryAfterSeconds) }, { status: 429 });
  }
  try {
    const result = await refuseElectronicInteraction(database, { type: "public" }, { login, password }, new Date());
    await refundRateLimits(database, byLogin);
    const baseUrl = env().PUBLIC_BASE_URL ?? new URL(request.url).origin;
    return {
      ok: true as const,
      accessEndsAt: result.accessEndsAt.toISOString(),
      timeZone: result.timeZone,
      noticeNumber: result.notice.number,
      verifyUrl: verificationUrl({ id: result.notice.id, contentHash: result.notice.contentHash, baseUrl }),
    };
  } catch (error) {
    if (isWorkflowError(error)) {
      if (error.code !== "unauthorized") await refundRateLimits(database, byLogin);
      const key = error.code === "unauthorized" ? "invalidCredentials" : error.messageKey === "refusal.already_pending" ? "alreadyPending" : "annulled";
      return data({ ok: false as const, error: key, seconds: 0 }, { status: error.status });
    }
    throw error;
  }
}

export default function Refuse() {
  const { t } = useTranslation("refuse");
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const fmt = useFormat(result?.ok ? result.timeZone : null);
  if (result?.ok) {
    return (
      <section aria-labelledby="refuse-title">
        <h1 id="refuse-title">{t("done.title")}</h1>
        <div className="panel" role="status">
          <p>{t("done.text", { at: fmt.instant(result.accessEndsAt) })}</p>
          <p>{t("done.notice", { number: result.noticeNumber })}</p>
          <p><a href={result.verifyUrl}>{t("done.verify")}</a></p>
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="refuse-title">
      <h1 id="refuse-title">{t("title")}</h1>
      <p>{t("intro")}</p>
      {result && !result.ok ? <p className="flash flash-error" role="alert">{t(`errors.${result.error}`, { seconds: result.seconds })}</p> : null}
      <Form method="post" className="stack">
        <CsrfInput />
        <Field label={t("login")} name="login" autoComplete="username" required maxLength={100} />
        <Field label={t("password")} name="password" type="password" autoComplete="current-password" required maxLength={200} />
        <label className="check"><input type="checkbox" name="confirm" required /> {t("confirm")}</label>
        <div className="actions"><button type="submit" className="danger" disabled={busy}>{t("submit")}</button></div>
      </Form>
    </section>
  );
}
