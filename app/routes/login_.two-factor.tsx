import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifySecondFactor } from "../../workflows/auth/two-factor";
import { CsrfInput } from "~/components/csrf-input";
import { homeOf, requireSession, safeRedirect, secondStepPath, type StaffContext } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { secondFactorGuesses } from "~/utils/guessing.server";
import { hitRateLimits, refundRateLimits } from "~/utils/rate-limit.server";
import type { I18nHandle } from "~/utils/i18n";

/** The second step of a staff sign-in (decision 065): a code from the app, or a recovery code. */
export const handle = { i18n: ["auth"], title: "auth:twoFactor.code.title" } satisfies I18nHandle;

/** A session that has nothing to prove here goes on: home when done, to enrolment when it has no factor yet. */
function elsewhere(session: StaffContext, back: string | null): Response | null {
  const { step } = session.secondFactor;
  if (step === "done") return redirect(safeRedirect(back, homeOf(session.user.role)));
  if (step === "enrol") return redirect(secondStepPath("enrol", back));
  return null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const moved = elsewhere(session, new URL(request.url).searchParams.get("redirectTo"));
  if (moved) throw moved;
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await readForm(request);
  const back = form.get("redirectTo");
  const moved = elsewhere(session, typeof back === "string" ? back : null);
  if (moved) return moved;
  const database = await db();
  // Every code is counted before it is checked, per login (whoever is here knows the password); a
  // right one gives its hit back. Five wrong codes in 15 minutes and the login waits (decision 053).
  const limit = await hitRateLimits(database, secondFactorGuesses(session.user.username));
  if (!limit.allowed) return data({ error: "twoFactor.too_many", seconds: limit.retryAfterSeconds }, { status: 429 });
  const result = await verifySecondFactor(database, session.actor, session.sessionId, String(form.get("code") ?? ""));
  if (!result.ok) return data({ error: "twoFactor.code_invalid", seconds: 0 }, { status: 401 });
  await refundRateLimits(database, limit);
  const to = safeRedirect(back, homeOf(session.user.role));
  if (result.method === "recovery_code") {
    return redirectWithFlash(to, { kind: "info", key: "auth:twoFactor.recoveryUsed", values: { count: result.recoveryCodesLeft ?? 0 } });
  }
  return redirect(to);
}

export default function SecondStep() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const error = actionData && "error" in actionData ? actionData : null;
  return (
    <section aria-labelledby="second-step-title" className="narrow">
      <h1 id="second-step-title">{t("twoFactor.code.title")}</h1>
      <p>{t("twoFactor.code.intro")}</p>
      {error ? (
        <p className="flash flash-error" role="alert" id="second-step-error">
          {t(error.error, { seconds: error.seconds })}
        </p>
      ) : null}
      <Form method="post" className="stack" aria-describedby={error ? "second-step-error" : undefined}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <label>
          {t("twoFactor.code.label")}
          <span className="hint">{t("twoFactor.code.hint")}</span>
          <input type="text" name="code" autoComplete="one-time-code" inputMode="text" required autoFocus maxLength={64} spellCheck={false} />
        </label>
        <div className="actions">
          <button type="submit" disabled={busy}>{t("twoFactor.code.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
