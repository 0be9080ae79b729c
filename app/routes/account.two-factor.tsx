import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { enrolSecondFactor, newTotpKey, parseTotpKey, secondFactorOf, totpKeyText, totpKeyUri } from "../../workflows/auth/two-factor";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { homeOf, requireSession, safeRedirect, secondStepPath, type StaffContext } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { actionError } from "~/utils/errors.server";
import { useFormat } from "~/utils/format";
import type { I18nHandle } from "~/utils/i18n";

/**
 * The staff member's own second factor (decision 065): enrolment by QR code and key, confirmed with
 * a code, the recovery codes shown once; afterwards only when it was enabled and how many codes are
 * left. A session that still owes its code is sent to the second step first: a password alone
 * never reaches this page of an enrolled user.
 */
export const handle = { i18n: ["auth"], title: "auth:twoFactor.enrol.title" } satisfies I18nHandle;

function owesCode(session: StaffContext, request: Request): Response | null {
  if (session.secondFactor.step !== "code") return null;
  return redirect(secondStepPath("code", new URL(request.url).searchParams.get("redirectTo")));
}

/** The QR code of the otpauth:// URI, as an image the page carries (the CSP allows data: images). */
function qrOf(username: string, key: Uint8Array): Promise<string> {
  return QRCode.toDataURL(totpKeyUri(username, key), { errorCorrectionLevel: "M", margin: 2, width: 240 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const moved = owesCode(session, request);
  if (moved) throw moved;
  const required = session.secondFactor.step === "enrol";
  const factor = await secondFactorOf(await db(), session.user.id);
  if (factor) return { enrolled: true as const, enabledAt: factor.enabledAt.toISOString(), recoveryCodesLeft: factor.recoveryCodesLeft };
  // A new key at every visit until one is confirmed: it lives only in this page and its form.
  const key = newTotpKey();
  return { enrolled: false as const, required, keyText: totpKeyText(key), qr: await qrOf(session.user.username, key) };
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await readForm(request);
  const moved = owesCode(session, request);
  if (moved) return moved;
  const keyText = String(form.get("key") ?? "").slice(0, 100);
  try {
    const { recoveryCodes } = await enrolSecondFactor(await db(), session.actor, session.sessionId, { keyText, code: String(form.get("code") ?? "").slice(0, 20) });
    return { ok: true as const, recoveryCodes, next: safeRedirect(form.get("redirectTo"), homeOf(session.user.role)) };
  } catch (error) {
    // A mistyped code keeps the key the person has just scanned: the page shows it again, not a new one.
    let again: { keyText: string; qr: string } | null = null;
    try {
      const key = parseTotpKey(keyText);
      again = { keyText: totpKeyText(key), qr: await qrOf(session.user.username, key) };
    } catch {
      again = null;
    }
    return actionError(error, { extra: { again } });
  }
}

/** After a post the page shows the action's answer; a fresh loader would only make a new key. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" ? false : defaultShouldRevalidate;

/** The key in groups of four, as authenticator apps ask for it. */
function grouped(keyText: string): string {
  return keyText.match(/.{1,4}/g)?.join(" ") ?? keyText;
}

export default function TwoFactor() {
  const { t } = useTranslation("auth");
  const fmt = useFormat();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();

  if (result?.ok) {
    return (
      <section aria-labelledby="codes-title" className="narrow">
        <h1 id="codes-title">{t("twoFactor.codes.title")}</h1>
        <p role="status"><strong>{t("twoFactor.codes.on")}</strong></p>
        <p>{t("twoFactor.codes.intro")}</p>
        <ol className="recovery-codes" data-testid="recovery-codes">
          {result.recoveryCodes.map((code: string) => <li key={code} className="mono">{code}</li>)}
        </ol>
        <p className="actions"><a className="button" href={result.next}>{t("twoFactor.codes.continue")}</a></p>
      </section>
    );
  }

  if (page.enrolled) {
    return (
      <section aria-labelledby="factor-title" className="narrow">
        <h1 id="factor-title">{t("twoFactor.enrol.title")}</h1>
        <p><span className="badge badge-ok">{t("twoFactor.status.onBadge")}</span> {t("twoFactor.status.on", { date: fmt.instant(page.enabledAt) })}</p>
        <p>{t("twoFactor.status.codesLeft", { count: page.recoveryCodesLeft })}</p>
        <p className="muted">{t("twoFactor.status.lost")}</p>
        <p><Link to="/account/password">{t("twoFactor.passwordLink")}</Link></p>
      </section>
    );
  }

  const error = result && !result.ok ? result.error : null;
  const shown = (result && !result.ok ? result.again : null) ?? page;
  return (
    <section aria-labelledby="factor-title" className="narrow">
      <h1 id="factor-title">{t("twoFactor.enrol.title")}</h1>
      <p className={page.required ? "flash flash-info" : undefined}>{t(page.required ? "twoFactor.enrol.required" : "twoFactor.enrol.optional")}</p>
      {error && !error.details.field ? <p className="flash flash-error" role="alert">{t(error.key)}</p> : null}
      <ol className="stack">
        <li>
          <p>{t("twoFactor.enrol.step1")}</p>
          <img src={shown.qr} alt={t("twoFactor.enrol.qrAlt")} width={240} height={240} className="qr" />
          <p>
            {t("twoFactor.enrol.keyLabel")}
            <br />
            <output className="code-big" style={{ fontSize: "1.1rem" }} data-testid="totp-key" aria-label={t("twoFactor.enrol.keyAria")}>{grouped(shown.keyText)}</output>
          </p>
          <p className="muted">{t("twoFactor.enrol.keyNote")}</p>
        </li>
        <li>
          <p>{t("twoFactor.enrol.step2")}</p>
          <Form method="post" className="stack">
            <CsrfInput />
            <input type="hidden" name="key" value={shown.keyText} />
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <Field
              label={t("twoFactor.enrol.code")}
              name="code"
              required
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9 ]{6,8}"
              maxLength={8}
              error={error?.details.field === "code" ? t(error.key) : undefined}
            />
            <div className="actions"><button type="submit">{t("twoFactor.enrol.submit")}</button></div>
          </Form>
        </li>
      </ol>
    </section>
  );
}
