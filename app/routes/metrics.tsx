import type { LoaderFunctionArgs } from "@remix-run/node";
import { count } from "drizzle-orm";
import { decisions } from "../../db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { renderMetrics } from "~/utils/metrics.server";

/** Prometheus scrape: from the machine itself, or with METRICS_TOKEN as a bearer token. */
function mayScrape(request: Request, context: unknown) {
  const ip = (context as { clientIp?: string } | undefined)?.clientIp ?? "";
  const token = env().METRICS_TOKEN;
  if (token && request.headers.get("authorization") === `Bearer ${token}`) return true;
  return ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!mayScrape(request, context)) return new Response("Forbidden", { status: 403 });
  const rows = await (await db()).select({ outcome: decisions.outcome, n: count() }).from(decisions).groupBy(decisions.outcome);
  const byOutcome = Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
  return new Response(renderMetrics(byOutcome), { headers: { "Content-Type": "text/plain; version=0.0.4", "Cache-Control": "no-store" } });
}
