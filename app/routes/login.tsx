import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signIn } from "../../workflows/auth/sign-in";
import { CsrfInput } from "~/components/csrf-input";
import { getSession, homeOf, safeRedirect, secondStepPath, startSession } from "~/utils/auth.server";
import { languageCookie } from "~/utils/cookies.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { readKnownDevice, rememberDevice, staffGuesses } from "~/utils/guessing.server";
import { clientIp, hitRateLimits, refundRateLimits } from "~/utils/rate-limit.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["auth"], title: "auth:signIn.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (session) throw redirect(session.secondFactor.step === "done" ? homeOf(session.user.role) : secondStepPath(session.secondFactor.step));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const username = String(form.get("username") ?? "").slice(0, 100);
  const password = String(form.get("password") ?? "").slice(0, 200);
  const database = await db();
  // Failed sign-ins are counted per address, per login and source, and per login from unknown
  // browsers (decision 053): guessing stays slow, and no one locks another person out. Every try
  // is counted before the password is checked; a success gives its hits back.
  const device = await readKnownDevice(request);
  const limit = await hitRateLimits(database, staffGuesses(username, clientIp(request, context), device));
  if (!limit.allowed) {
    return data({ error: "too_many", seconds: limit.retryAfterSeconds }, { status: 429 });
  }
  const result = await signIn(database, username, password);
  if (!result.ok) return data({ error: "invalid", seconds: 0 }, { status: 401 });
  await refundRateLimits(database, limit);
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(result.actor.id));
  headers.append("Set-Cookie", await rememberDevice(device, username));
  if (result.locale) headers.append("Set-Cookie", await languageCookie().serialize(result.locale));
  const back = safeRedirect(form.get("redirectTo"), homeOf(result.actor.role));
  // The password was the first step; the second (a code, or enrolling a factor) comes next (decision 065).
  return redirect(result.step === "done" ? back : secondStepPath(result.step, back), { headers });
}

export default function Login() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="login-title" className="narrow">
      <h1 id="login-title">{t("signIn.title")}</h1>
      {actionData?.error ? (
        <p className="flash flash-error" role="alert" id="login-error">
          {t(actionData.error, { seconds: actionData.seconds })}
        </p>
      ) : null}
      <Form method="post" className="stack" aria-describedby={actionData?.error ? "login-error" : undefined}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <label>
          {t("signIn.username")}
          <input type="text" name="username" autoComplete="username" required autoFocus maxLength={100} />
        </label>
        <label>
          {t("signIn.password")}
          <input type="password" name="password" autoComplete="current-password" required maxLength={200} />
        </label>
        <div className="actions">
          <button type="submit" disabled={busy}>{t("signIn.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
