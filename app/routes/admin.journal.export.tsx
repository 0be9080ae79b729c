import type { LoaderFunctionArgs } from "@remix-run/node";
import { journalPages, recordJournalExport } from "../../workflows/subject";
import { journalFileName, journalSheet } from "~/exports/journal.server";
import { downloadResponse, isExportFormat } from "~/exports/table.server";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { OFFICE_TIME_ZONE } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n.server";
import { journalFiltersOf } from "~/utils/journal-filters.server";

/**
 * Every journal entry the administrator's filters select, as a file (decision 066), streamed page
 * by page. A filter field the page would drop as invalid refuses the download instead: a file
 * must not hold more than was asked. The download itself is journaled (personal data leaves).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ADMIN_ROLES);
  const url = new URL(request.url);
  const format = url.searchParams.get("format");
  if (!isExportFormat(format)) throw new Response("Unknown format", { status: 400 });
  const { filters, fields, innInvalid } = journalFiltersOf(url);
  if (innInvalid || Object.keys(fields).length > 0) throw new Response("Bad filter", { status: 400 });
  const database = await db();
  const now = new Date();
  await recordJournalExport(database, staff.actor, { format, filters }, now);
  const t = await getFixedT(request, ["journal"]);
  const zone = staff.user.officeTimeZone ?? OFFICE_TIME_ZONE;
  return downloadResponse(format, [journalSheet(journalPages(database, filters), t, zone)], journalFileName(now, zone, t));
}
