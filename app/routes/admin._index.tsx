import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { count } from "drizzle-orm";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { journalEntries, offices, staffUsers, taxpayers } from "../../db/schema";
import { unlockCabinetLogin } from "../../workflows/auth/guessing";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { actionError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["admin"], title: "admin:home.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ADMIN_ROLES);
  const database = await db();
  const [[o], [s], [t], [j]] = await Promise.all([
    database.select({ n: count() }).from(offices),
    database.select({ n: count() }).from(staffUsers),
    database.select({ n: count() }).from(taxpayers),
    database.select({ n: count() }).from(journalEntries),
  ]);
  return { offices: o.n, staff: s.n, taxpayers: t.n, journal: j.n };
}

/** Decision 053: the administrator forgets the failed checks counted at a Cabinet login (journaled). */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  const form = await readForm(request);
  try {
    const { login } = await unlockCabinetLogin(await db(), admin.actor, String(form.get("login") ?? "").slice(0, 100));
    return redirectWithFlash("/admin", { kind: "success", key: "admin:cabinet.unlocked", values: { login } });
  } catch (error) {
    return actionError(error, { keyPrefix: "admin:", extra: { login: String(form.get("login") ?? "").slice(0, 100) } });
  }
}

export default function AdminHome() {
  const { t } = useTranslation("admin");
  const fmt = useFormat();
  const c = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const cards = [
    { to: "/admin/offices", label: t("home.offices"), n: c.offices },
    { to: "/admin/staff", label: t("home.staff"), n: c.staff },
    { to: "/admin/registry", label: t("home.taxpayers"), n: c.taxpayers },
    { to: "/admin/journal", label: t("home.journal"), n: c.journal },
  ];
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t("home.title")}</h1>
      <div className="grid-2">
        {cards.map((card) => (
          <div className="panel" key={card.to}>
            <h2><Link to={card.to}>{card.label}</Link></h2>
            <p className="countdown">{fmt.number(card.n)}</p>
          </div>
        ))}
      </div>
      <h2 id="cabinet-title">{t("cabinet.title")}</h2>
      <p>{t("cabinet.intro")}</p>
      <Form method="post" className="stack" aria-labelledby="cabinet-title">
        <CsrfInput />
        <Field label={t("cabinet.login")} name="login" required maxLength={100} autoComplete="off" defaultValue={result?.login} error={result?.fields.login && t(result.fields.login)} />
        <div className="actions"><button type="submit">{t("cabinet.unlock")}</button></div>
      </Form>
    </section>
  );
}
