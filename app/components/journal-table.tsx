import { useTranslation } from "react-i18next";
import { journalActionKey } from "../../workflows/journal/actions";
import { useFormat } from "~/utils/format";

export interface JournalRowView {
  id?: number;
  at: string | Date;
  action: string;
  role: string;
  officeCode: string | null;
  officeName: string | null;
  /** Staff pages only: the public never gets names. */
  actorName?: string | null;
}

/**
 * A journal as a table: when, what, office, role (and, for staff, who). Times in `timeZone` when
 * given (a public page: the application's office, null for none), else the signed-in staff member's.
 */
export function JournalTable({ rows, caption, showNames = false, timeZone }: { rows: JournalRowView[]; caption: string; showNames?: boolean; timeZone?: string | null }) {
  const { t } = useTranslation(["journal"]);
  const fmt = useFormat(timeZone);
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("columns.at")}</th>
          <th scope="col">{t("columns.event")}</th>
          <th scope="col">{t("columns.office")}</th>
          <th scope="col">{t("columns.role")}</th>
          {showNames ? <th scope="col">{t("columns.actor")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.id ?? i}>
            <td><time dateTime={new Date(r.at).toISOString()}>{fmt.instant(r.at)}</time></td>
            <td>{actionLabel(t, r.action)}</td>
            <td>{r.officeName ?? (r.officeCode ? r.officeCode : t("noOffice"))}</td>
            <td>{t(`roles.${r.role}`, { defaultValue: r.role })}</td>
            {showNames ? <td>{r.actorName ?? "—"}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The action in words; an old entry's action no longer in the list shows its code rather than nothing. */
export function actionLabel(t: (key: string, o?: Record<string, unknown>) => string, action: string): string {
  return t(`journal:actions.${journalActionKey(action)}`, { defaultValue: action });
}
