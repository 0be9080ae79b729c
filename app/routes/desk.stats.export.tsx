import type { LoaderFunctionArgs } from "@remix-run/node";
import { statisticsFileName, statisticsSheets } from "~/exports/stats.server";
import { downloadResponse, isExportFormat } from "~/exports/table.server";
import { SUPERVISOR_ROLES, requireStaff } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n.server";
import { db } from "~/utils/db.server";
import { statisticsOfRequest } from "~/utils/stats.server";
import { recordStatisticsExport } from "../../workflows/subject";

/**
 * The statistics page as a file (decision 066): `?format=csv|xlsx` and the page's own `office`,
 * `from` and `to`, the figures the page shows, in the user's language. Journaled before it is
 * sent (decision 067): its per-inspector table names staff.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, SUPERVISOR_ROLES);
  const format = new URL(request.url).searchParams.get("format");
  if (!isExportFormat(format)) throw new Response("Unknown format", { status: 400 });
  const { figures } = await statisticsOfRequest(request, staff);
  if (!figures) throw new Response("Bad period", { status: 400 });
  await recordStatisticsExport(await db(), staff.actor, { offices: figures.officeCodes, from: figures.from, to: figures.to, format }, new Date());
  const t = await getFixedT(request, ["supervisor"]);
  return downloadResponse(format, statisticsSheets(figures, t), statisticsFileName(figures, t));
}
