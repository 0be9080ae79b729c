import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NOTICE_STATUSES, type NoticeStatus } from "../../db/schema/notices";
import { journalActionKey } from "../../workflows/journal/actions";
import { listNotices, resendNotice } from "../../workflows/notices/admin";
import { noticeCounts } from "../../workflows/notices/outbox";
import { CsrfInput } from "~/components/csrf-input";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { env, noticeStatusUrl } from "~/utils/env.server";
import { actionError } from "~/utils/errors.server";
import { useFormat } from "~/utils/format";
import type { I18nHandle } from "~/utils/i18n";

export const handle = { i18n: ["admin", "journal"], title: "admin:notices.title" } satisfies I18nHandle;

const BADGE: Record<NoticeStatus, string> = { queued: "badge-warning", sent: "badge-ok", dead: "badge-bad", skipped: "badge-neutral" };

function statusOf(value: string | null): NoticeStatus | undefined {
  return (NOTICE_STATUSES as readonly string[]).includes(value ?? "") ? (value as NoticeStatus) : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  const database = await db();
  const status = statusOf(new URL(request.url).searchParams.get("status"));
  return {
    counts: await noticeCounts(database),
    notices: await listNotices(database, admin.actor, { status, limit: 100, statusUrl: noticeStatusUrl() }),
    providers: { email: Boolean(env().SMTP_URL), sms: Boolean(env().SMS_GATEWAY_URL) },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES);
  const form = await readForm(request);
  try {
    await resendNotice(await db(), admin.actor, Number(form.get("id")), new Date());
    return { ok: true as const };
  } catch (error) {
    return actionError(error);
  }
}

export default function AdminNotices() {
  const { t } = useTranslation("admin");
  const fmt = useFormat();
  const { counts, notices, providers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const current = params.get("status") ?? "";
  return (
    <section aria-labelledby="notices-title">
      <h1 id="notices-title">{t("notices.title")}</h1>
      <p>{t("notices.intro")}</p>
      {!providers.email && !providers.sms ? <p className="flash flash-info" role="note">{t("notices.noProvider")}</p> : null}
      {result && result.ok ? <p className="flash flash-success" role="status">{t("notices.resent")}</p> : null}
      {result && !result.ok ? <p className="flash flash-error" role="alert">{t(result.error.key, { ns: ["admin", "common"] })}</p> : null}
      <nav aria-label={t("notices.filter")}>
        <ul className="actions" style={{ listStyle: "none", padding: 0 }}>
          <li><a href="/admin/notices" aria-current={current === "" ? "page" : undefined}>{t("notices.all")}</a></li>
          {NOTICE_STATUSES.map((s) => (
            <li key={s}>
              <a href={`/admin/notices?status=${s}`} aria-current={current === s ? "page" : undefined}>
                {t(`notices.status.${s}`)}: {counts[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <table>
        <caption className="muted">{t("notices.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("notices.created")}</th>
            <th scope="col">{t("notices.event")}</th>
            <th scope="col">{t("notices.to")}</th>
            <th scope="col">{t("notices.state")}</th>
            <th scope="col">{t("notices.text")}</th>
            <th scope="col">{t("staff.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {notices.map((n) => (
            <tr key={n.id}>
              <td>{fmt.instant(n.createdAt)}</td>
              <td>{t(`actions.${journalActionKey(n.action)}`, { ns: "journal" })}{n.subjectInn ? <><br /><code>{n.subjectInn}</code></> : null}</td>
              <td>{n.channel ? `${t(`notices.channel.${n.channel}`)}: ${n.address ?? ""}` : "—"}</td>
              <td>
                <span className={`badge ${BADGE[n.status]}`}>{t(`notices.status.${n.status}`)}</span>
                <br />
                <small>{t("notices.attempts", { count: n.attempts })}{n.sentAt ? ` · ${fmt.instant(n.sentAt)}` : ""}</small>
                {n.lastError ? <><br /><small className="muted">{n.lastError}</small></> : null}
              </td>
              <td>{n.preview ? <details><summary>{n.preview.subject}</summary><p>{n.preview.text}</p></details> : "—"}</td>
              <td>
                {n.status === "dead" ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="secondary">{t("notices.resend")}</button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
