import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findApplicationByInnAndCode, isWorkflowError } from "../../workflows";
import { FindForm } from "~/components/find-form";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { hitRateLimit, LIMITS } from "~/utils/rate-limit.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["desk"], title: "desk:find.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, OFFICE_ROLES);
  return null;
}

type Result = { error: "required" | "notFound" | "mistyped" | "rateLimited"; inn: string; code: string; seconds?: number };

/** R6: INN + code -> the application's page. Counted per staff member, so a stolen session cannot sweep codes. */
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const form = await readForm(request);
  const inn = String(form.get("inn") ?? "").slice(0, 40);
  const code = String(form.get("code") ?? "").slice(0, 40);
  const database = await db();
  const limit = await hitRateLimit(database, `desk-find:${staff.user.id}`, LIMITS.deskFind);
  if (!limit.allowed) return data<Result>({ error: "rateLimited", inn, code, seconds: limit.retryAfterSeconds }, { status: 429 });
  if (!inn.trim() || !code.trim()) return data<Result>({ error: "required", inn, code }, { status: 400 });
  try {
    const found = await findApplicationByInnAndCode(database, inn, code);
    if (!found) return data<Result>({ error: "notFound", inn, code }, { status: 404 });
    return redirect(`/desk/applications/${found.id}`);
  } catch (error) {
    if (isWorkflowError(error) && error.code === "validation") return data<Result>({ error: "mistyped", inn, code }, { status: 400 });
    throw error;
  }
}

export default function DeskFind() {
  const { t } = useTranslation("desk");
  const result = useActionData<typeof action>();
  const error = result ? t(`find.${result.error}`, { seconds: result.seconds }) : null;
  return (
    <section aria-label={t("find.title")}>
      <div className="panel">
        <FindForm inn={result?.inn} code={result?.code} error={error} heading="h1" />
      </div>
    </section>
  );
}
