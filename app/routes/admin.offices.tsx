import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOffices, officeSchema, saveOffice } from "../../workflows/admin/offices";
import { DEFAULT_TIME_ZONE } from "../../workflows/clock/deadlines";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { actionError } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formValues, parseForm } from "~/utils/forms";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["admin"], title: "admin:offices.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ADMIN_ROLES);
  return { offices: await listOffices(await db()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ADMIN_ROLES);
  const form = await readForm(request);
  try {
    const office = parseForm(form, officeSchema);
    await saveOffice(await db(), staff.actor, office);
    return redirectWithFlash("/admin/offices", { kind: "success", key: "admin:offices.saved", values: { code: office.code } });
  } catch (error) {
    return actionError(error, { extra: { values: formValues(form) } });
  }
}

export default function AdminOffices() {
  const { t } = useTranslation("admin");
  const { offices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fields = result && "fields" in result ? result.fields : {};
  const values = result && "values" in result ? result.values : {};
  return (
    <section aria-labelledby="offices-title">
      <h1 id="offices-title">{t("offices.title")}</h1>
      <table>
        <caption className="muted">{t("offices.caption")}</caption>
        <thead>
          <tr><th scope="col">{t("offices.code")}</th><th scope="col">{t("offices.name")}</th><th scope="col">{t("offices.address")}</th><th scope="col">{t("offices.head")}</th><th scope="col">{t("offices.timeZone")}</th></tr>
        </thead>
        <tbody>
          {offices.map((o) => (
            <tr key={o.code}><td>{o.code}</td><td>{o.name}</td><td>{o.address}</td><td>{o.headName}</td><td>{o.timeZone}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>{t("offices.formTitle")}</h2>
      <p className="muted">{t("offices.formHint")}</p>
      <Form method="post" className="stack">
        <CsrfInput />
        <Field label={t("offices.code")} name="code" required defaultValue={values.code} error={fields.code && t(fields.code)} hint={t("offices.codeHint")} />
        <Field label={t("offices.name")} name="name" required defaultValue={values.name} error={fields.name && t(fields.name)} />
        <Field label={t("offices.address")} name="address" required defaultValue={values.address} error={fields.address && t(fields.address)} />
        <Field label={t("offices.head")} name="headName" required defaultValue={values.headName} error={fields.headName && t(fields.headName)} />
        <Field label={t("offices.timeZone")} name="timeZone" defaultValue={values.timeZone ?? DEFAULT_TIME_ZONE} error={fields.timeZone && t(fields.timeZone)} />
        <div className="actions"><button type="submit">{t("offices.save")}</button></div>
      </Form>
    </section>
  );
}
