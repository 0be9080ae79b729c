import type { SweepStep } from "../../workflows/clock/sweeper";

/**
 * Prometheus metrics: request latency by route group and status class and rows the sweeps skipped
 * (this process's, the scraper adds processes up), and decisions by outcome.
 */
const buckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
type Histogram = { counts: number[]; sum: number; count: number };
const latency = new Map<string, Histogram>();

export function observeRequest(method: string, route: string, status: number, ms: number) {
  const key = `method="${method}",route="${route.replace(/"/g, "")}",status="${Math.floor(status / 100)}xx"`;
  let h = latency.get(key);
  if (!h) latency.set(key, (h = { counts: buckets.map(() => 0), sum: 0, count: 0 }));
  buckets.forEach((b, i) => {
    if (ms <= b) h.counts[i]++;
  });
  h.sum += ms / 1000;
  h.count++;
}

const sweepSteps: SweepStep[] = ["decision", "entry", "expire", "access_end"];
const sweepFailures = new Map<SweepStep, number>(sweepSteps.map((s) => [s, 0]));

/** A row a sweep could not handle and skipped (the sweep logs its id). */
export function countSweepFailure(step: SweepStep) {
  sweepFailures.set(step, (sweepFailures.get(step) ?? 0) + 1);
}

/**
 * Decisions by outcome come from the database, not process memory, so every process reports the
 * same office-wide truth however many servers run.
 */
export function renderMetrics(decisionsByOutcome: Record<string, number>): string {
  const lines: string[] = [
    "# HELP http_request_duration_seconds Request latency.",
    "# TYPE http_request_duration_seconds histogram",
  ];
  for (const [labels, h] of latency) {
    buckets.forEach((b, i) => lines.push(`http_request_duration_seconds_bucket{${labels},le="${b / 1000}"} ${h.counts[i]}`));
    lines.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
    lines.push(`http_request_duration_seconds_sum{${labels}} ${h.sum}`);
    lines.push(`http_request_duration_seconds_count{${labels}} ${h.count}`);
  }
  lines.push("# HELP decisions_total Decisions recorded in the database, by outcome.", "# TYPE decisions_total counter");
  for (const outcome of ["granted", "refused"]) lines.push(`decisions_total{outcome="${outcome}"} ${decisionsByOutcome[outcome] ?? 0}`);
  lines.push(
    "# HELP sweep_row_failures_total Rows a deadline sweep could not handle and skipped (logged with their id), by step.",
    "# TYPE sweep_row_failures_total counter",
  );
  for (const [step, n] of sweepFailures) lines.push(`sweep_row_failures_total{step="${step}"} ${n}`);
  return lines.join("\n") + "\n";
}
