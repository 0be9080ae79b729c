import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createApiClient, listApiClients, revokeApiClient } from "../../workflows/api/clients";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { actionError } from "~/utils/errors.server";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["admin"], title: "admin:api.title" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ADMIN_ROLES);
  return { clients: await listApiClients(await db()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  const form = await readForm(request);
  const database = await db();
  try {
    if (form.get("intent") === "revoke") {
      await revokeApiClient(database, admin.actor, String(form.get("id") ?? ""));
      return { ok: true as const, created: null, revoked: true };
    }
    const created = await createApiClient(database, admin.actor, String(form.get("name") ?? ""));
    // The key is in this one response and nowhere else: it is not stored, only its hash.
    return data({ ok: true as const, created, revoked: false }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return actionError(error);
  }
}

export default function AdminApiClients() {
  const { t } = useTranslation("admin");
  const fmt = useFormat();
  const { clients } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && result.ok ? result.created : null;
  const error = result && !result.ok ? result.error : null;
  return (
    <section aria-labelledby="api-title">
      <h1 id="api-title">{t("api.title")}</h1>
      <p>{t("api.intro")} <a href="/api/v1/openapi.json">OpenAPI</a></p>
      {created ? (
        <div className="panel" role="status">
          <p><strong>{t("api.createdOnce")}</strong></p>
          <p><output className="code-big" data-testid="api-key" style={{ fontSize: "1rem" }}>{created.key}</output></p>
        </div>
      ) : null}
      {error && !error.details.field ? <p className="flash flash-error" role="alert">{t(error.key, { ns: ["admin", "common"] })}</p> : null}
      <Form method="post" className="stack">
        <CsrfInput />
        <Field label={t("api.name")} name="name" required maxLength={100} error={error?.details.field === "name" ? t(error.key) : undefined} />
        <div className="actions"><button type="submit" name="intent" value="create">{t("api.create")}</button></div>
      </Form>
      <table>
        <caption className="muted">{t("api.caption")}</caption>
        <thead><tr><th scope="col">{t("api.name")}</th><th scope="col">{t("api.prefix")}</th><th scope="col">{t("api.created")}</th><th scope="col">{t("api.state")}</th><th scope="col">{t("staff.actions")}</th></tr></thead>
        <tbody>
          {clients.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td><code>{c.keyPrefix}…</code></td>
              <td>{fmt.instant(c.createdAt)}</td>
              <td>{c.revokedAt ? <span className="badge badge-bad">{t("api.revoked")}</span> : <span className="badge badge-ok">{t("api.active")}</span>}</td>
              <td>
                {c.revokedAt ? null : (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="id" value={c.id} />
                    <button type="submit" name="intent" value="revoke" className="secondary" aria-label={`${t("api.revoke")}: ${c.name}`}>{t("api.revoke")}</button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
