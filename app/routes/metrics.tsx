import { createHash, timingSafeEqual } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { count } from "drizzle-orm";
import { decisions } from "../../db/schema";
import { anchorAges } from "../../workflows/journal/anchor";
import { noticeCounts } from "../../workflows/notices/outbox";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { renderMetrics } from "~/utils/metrics.server";

/**
 * Prometheus scrape: with METRICS_TOKEN as a bearer token, and only so. Never by the client's
 * address: behind a proxy every request comes from the machine itself, and the address a client
 * claims is exactly what must not open anything. Without a token set, no one may scrape.
 */
function mayScrape(request: Request) {
  const token = env().METRICS_TOKEN;
  const given = request.headers.get("authorization") ?? "";
  if (!token || !given.startsWith("Bearer ")) return false;
  const a = createHash("sha256").update(given.slice(7)).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b);
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (!mayScrape(request)) return new Response("Forbidden", { status: 403, headers: { "WWW-Authenticate": "Bearer" } });
  const database = await db();
  const rows = await database.select({ outcome: decisions.outcome, n: count() }).from(decisions).groupBy(decisions.outcome);
  const byOutcome = Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
  return new Response(renderMetrics(byOutcome, await anchorAges(database), await noticeCounts(database)), { headers: { "Content-Type": "text/plain; version=0.0.4", "Cache-Control": "no-store" } });
}
