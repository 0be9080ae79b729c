import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOffices, officeSchema, saveOffice } from "../../workflows/admin/offices";
import { createRegion, deleteRegion, listRegions, regionNameSchema, regionSchema, renameRegion, setOfficeRegion } from "../../workflows/admin/regions";
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
  const database = await db();
  const [offices, regions] = await Promise.all([listOffices(database), listRegions(database)]);
  return { offices, regions };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ADMIN_ROLES);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "office");
  try {
    // Decision 067: regions, and which region each office belongs to.
    if (intent === "region") {
      const region = parseForm(form, regionSchema);
      await createRegion(await db(), staff.actor, region);
      return redirectWithFlash("/admin/offices", { kind: "success", key: "admin:regions.created", values: { code: region.code } });
    }
    if (intent === "region_rename") {
      const code = String(form.get("code") ?? "");
      await renameRegion(await db(), staff.actor, code, parseForm(form, regionNameSchema));
      return redirectWithFlash("/admin/offices", { kind: "success", key: "admin:regions.renamed", values: { code } });
    }
    if (intent === "region_delete") {
      const code = String(form.get("code") ?? "");
      await deleteRegion(await db(), staff.actor, code);
      return redirectWithFlash("/admin/offices", { kind: "success", key: "admin:regions.deleted", values: { code } });
    }
    if (intent === "office_region") {
      const code = String(form.get("officeCode") ?? "");
      await setOfficeRegion(await db(), staff.actor, code, String(form.get("regionCode") ?? "") || null);
      return redirectWithFlash("/admin/offices", { kind: "success", key: "admin:regions.placed", values: { code } });
    }
    const office = parseForm(form, officeSchema);
    await saveOffice(await db(), staff.actor, office);
    return redirectWithFlash("/admin/offices", { kind: "success", key: "admin:offices.saved", values: { code: office.code } });
  } catch (error) {
    return actionError(error, { extra: { intent, values: formValues(form) } });
  }
}

export default function AdminOffices() {
  const { t } = useTranslation("admin");
  const { offices, regions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Each answer is a new location: the forms below start again from it, empty after a success
  // (a redirect with its flash), with what was typed after a refusal (their default values).
  const formKey = useLocation().key;
  const mine = (intent: string) => (result && "intent" in result ? result.intent === intent : intent === "office");
  const fields = result && "fields" in result && mine("office") ? result.fields : {};
  const values = result && "values" in result && mine("office") ? result.values : {};
  const regionFields = result && "fields" in result && mine("region") ? result.fields : {};
  const regionValues = result && "values" in result && mine("region") ? result.values : {};
  const placing = result && "error" in result && mine("office_region") ? result.error : null;
  // A refused rename or deletion: said above the regions, with the region it was about.
  const regionRefusal = result && "error" in result && (mine("region_rename") || mine("region_delete")) ? result : null;
  return (
    <section aria-labelledby="offices-title">
      <h1 id="offices-title">{t("offices.title")}</h1>
      {placing ? <p className="flash flash-error" role="alert">{t(placing.key)}</p> : null}
      <table>
        <caption className="muted">{t("offices.caption")}</caption>
        <thead>
          <tr><th scope="col">{t("offices.code")}</th><th scope="col">{t("offices.name")}</th><th scope="col">{t("offices.address")}</th><th scope="col">{t("offices.head")}</th><th scope="col">{t("offices.timeZone")}</th><th scope="col">{t("regions.region")}</th></tr>
        </thead>
        <tbody>
          {offices.map((o) => (
            <tr key={o.code}>
              <td>{o.code}</td><td>{o.name}</td><td>{o.address}</td><td>{o.headName}</td><td>{o.timeZone}</td>
              <td>
                <Form method="post" className="inline actions">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="office_region" />
                  <input type="hidden" name="officeCode" value={o.code} />
                  <select name="regionCode" defaultValue={o.regionCode ?? ""} aria-label={`${t("regions.region")}: ${o.code}`}>
                    <option value="">{t("regions.none")}</option>
                    {regions.map((r) => <option key={r.code} value={r.code}>{r.code} — {r.name}</option>)}
                  </select>
                  <button type="submit" className="secondary" aria-label={`${t("regions.place")}: ${o.code}`}>{t("regions.place")}</button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="regions-title">{t("regions.title")}</h2>
      <p className="muted">{t("regions.hint")}</p>
      {regionRefusal ? (
        <p className="flash flash-error" role="alert" data-testid="region-refusal">
          {regionRefusal.values.code ? `${regionRefusal.values.code}: ` : ""}{t(regionRefusal.fields.name ?? regionRefusal.error.key, regionRefusal.error.details)}
        </p>
      ) : null}
      {regions.length === 0 ? <p>{t("regions.empty")}</p> : (
        <table aria-labelledby="regions-title">
          <thead>
            <tr><th scope="col">{t("regions.code")}</th><th scope="col">{t("regions.name")}</th><th scope="col">{t("regions.offices")}</th><th scope="col">{t("regions.actions")}</th></tr>
          </thead>
          <tbody>
            {regions.map((r) => (
              <tr key={r.code}>
                <td><strong>{r.code}</strong></td>
                <td>
                  {/* The code stays (offices and supervisors refer to it); the name is what people read. */}
                  <Form method="post" className="inline actions">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="region_rename" />
                    <input type="hidden" name="code" value={r.code} />
                    <input type="text" name="name" defaultValue={r.name} required minLength={3} maxLength={200} aria-label={`${t("regions.name")}: ${r.code}`} />
                    <button type="submit" className="secondary" aria-label={`${t("regions.rename")}: ${r.code}`}>{t("regions.rename")}</button>
                  </Form>
                </td>
                <td>{offices.filter((o) => o.regionCode === r.code).map((o) => o.code).join(", ") || t("regions.noOffices")}</td>
                <td>
                  <Form method="post" className="inline">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="region_delete" />
                    <input type="hidden" name="code" value={r.code} />
                    <button type="submit" className="secondary" aria-label={`${t("regions.delete")}: ${r.code}`}>{t("regions.delete")}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form method="post" className="stack" key={`region-${formKey}`}>
        <CsrfInput />
        <input type="hidden" name="intent" value="region" />
        <Field label={t("regions.code")} name="code" required defaultValue={regionValues.code} error={regionFields.code && t(regionFields.code)} hint={t("regions.codeHint")} />
        <Field label={t("regions.name")} name="name" required defaultValue={regionValues.name} error={regionFields.name && t(regionFields.name)} />
        <div className="actions"><button type="submit">{t("regions.create")}</button></div>
      </Form>

      <h2>{t("offices.formTitle")}</h2>
      <p className="muted">{t("offices.formHint")}</p>
      <Form method="post" className="stack" key={`office-${formKey}`}>
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
