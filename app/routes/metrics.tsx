import { renderMetrics } from "~/utils/metrics.server";

export async function loader() {
  return new Response(renderMetrics(), { headers: { "Content-Type": "text/plain; version=0.0.4", "Cache-Control": "no-store" } });
}
