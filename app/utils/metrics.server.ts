import cluster from "node:cluster";
import { hostname } from "node:os";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { matchRoutes } from "@remix-run/react";
import type { SweepStep } from "../../workflows/clock/sweeper";
import { env } from "./env.server";

/**
 * Prometheus metrics of this process: request latency by Remix route, method and status class,
 * rows the sweeps skipped, the Node.js process (CPU, memory, heap, event-loop delay, garbage
 * collection), and decisions by outcome (from the database). Every sample of this process carries
 * `app_instance` (APP_INSTANCE, else host:port, plus the cluster worker): several processes behind
 * one proxy are scraped one by one, each on its own port, and told apart by it.
 */
const buckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
type Histogram = { counts: number[]; sum: number; count: number };
const latency = new Map<string, Histogram>();

let instanceLabel: string | undefined;
function instance(): string {
  if (instanceLabel === undefined) {
    const e = env();
    const base = e.APP_INSTANCE ?? `${hostname()}:${e.PORT}`;
    instanceLabel = (cluster.isWorker && cluster.worker ? `${base}/${cluster.worker.id}` : base).replace(/["\\\n]/g, "");
  }
  return instanceLabel;
}

// --- the route of a request ---------------------------------------------------------------

/** The server build's route manifest, as much of it as matching needs. */
export type RouteManifest = Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }>;
type RouteObject = Parameters<typeof matchRoutes>[0][number];
let routeTree: RouteObject[] | undefined;

/** Called by server.js with the build's routes, so that requests are labelled by route id. */
export function setRouteManifest(routes: RouteManifest) {
  const children = new Map<string | undefined, RouteManifest[string][]>();
  for (const r of Object.values(routes)) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const tree = (parentId: string | undefined): RouteObject[] =>
    (children.get(parentId) ?? []).map((r) =>
      r.index ? { id: r.id, path: r.path, index: true } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: tree(r.id) },
    );
  routeTree = tree(undefined);
  labels.clear();
}

/**
 * The labels of the paths seen lately. Matching a path against the whole route tree took about 2 %
 * of the queue page's JavaScript, for a label that the same path always gets; most requests are
 * to a few paths. Paths with ids in them are many, so the map is emptied when it is full.
 */
const labels = new Map<string, string>();
const LABELS_MAX = 2_000;

/**
 * The label of a request path: the id of the Remix route that answers it (`routes/desk.subjects.$inn`,
 * never the INN in the path), `static` for files, `unmatched` for anything else. A bounded set, so
 * the metrics stay small whatever paths clients make up. Single-fetch data requests
 * (`/desk.data`, `/_root.data`) count for their page's route.
 */
export function routeLabel(pathname: string): string {
  let label = labels.get(pathname);
  if (label === undefined) {
    if (labels.size >= LABELS_MAX) labels.clear();
    labels.set(pathname, (label = matchLabel(pathname)));
  }
  return label;
}

function matchLabel(pathname: string): string {
  if (routeTree) {
    const page = pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, "");
    const matches = matchRoutes(routeTree, page);
    if (matches?.length) return matches[matches.length - 1].route.id ?? "unmatched";
  }
  return pathname.startsWith("/assets/") || /\/[^/]+\.(js|css|map|ico|png|svg|woff2?|txt|webmanifest)$/.test(pathname) ? "static" : "unmatched";
}

export function observeRequest(method: string, pathname: string, status: number, ms: number) {
  const verb = /^[A-Z]{3,7}$/.test(method) ? method : "OTHER";
  const key = `method="${verb}",route="${routeLabel(pathname).replace(/["\\]/g, "")}",status="${Math.floor(status / 100)}xx"`;
  let h = latency.get(key);
  if (!h) latency.set(key, (h = { counts: buckets.map(() => 0), sum: 0, count: 0 }));
  buckets.forEach((b, i) => {
    if (ms <= b) h.counts[i]++;
  });
  h.sum += ms / 1000;
  h.count++;
}

// --- sweeps ---------------------------------------------------------------------------------

const sweepSteps: SweepStep[] = ["decision", "entry", "expire", "access_end"];
const sweepFailures = new Map<SweepStep, number>(sweepSteps.map((s) => [s, 0]));

/** A row a sweep could not handle and skipped (the sweep logs its id). */
export function countSweepFailure(step: SweepStep) {
  sweepFailures.set(step, (sweepFailures.get(step) ?? 0) + 1);
}

// --- the process ----------------------------------------------------------------------------

const eventLoop = monitorEventLoopDelay({ resolution: 10 });
eventLoop.enable();

const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb",
};
const gc = new Map<string, { count: number; seconds: number }>(Object.values(gcKinds).map((k) => [k, { count: 0, seconds: 0 }]));
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = gcKinds[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? "other";
    const g = gc.get(kind) ?? { count: 0, seconds: 0 };
    g.count++;
    g.seconds += entry.duration / 1000;
    gc.set(kind, g);
  }
}).observe({ entryTypes: ["gc"] });

function processLines(il: string): string[] {
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  const ns = 1e9;
  const lines = [
    "# HELP process_cpu_user_seconds_total User CPU time of this process.",
    "# TYPE process_cpu_user_seconds_total counter",
    `process_cpu_user_seconds_total{${il}} ${cpu.user / 1e6}`,
    "# HELP process_cpu_system_seconds_total System CPU time of this process.",
    "# TYPE process_cpu_system_seconds_total counter",
    `process_cpu_system_seconds_total{${il}} ${cpu.system / 1e6}`,
    "# HELP process_resident_memory_bytes Resident memory of this process.",
    "# TYPE process_resident_memory_bytes gauge",
    `process_resident_memory_bytes{${il}} ${mem.rss}`,
    "# HELP process_start_time_seconds When this process started (Unix time).",
    "# TYPE process_start_time_seconds gauge",
    `process_start_time_seconds{${il}} ${Math.round(Date.now() / 1000 - process.uptime())}`,
    "# HELP nodejs_heap_size_used_bytes V8 heap in use.",
    "# TYPE nodejs_heap_size_used_bytes gauge",
    `nodejs_heap_size_used_bytes{${il}} ${mem.heapUsed}`,
    "# HELP nodejs_heap_size_total_bytes V8 heap reserved.",
    "# TYPE nodejs_heap_size_total_bytes gauge",
    `nodejs_heap_size_total_bytes{${il}} ${mem.heapTotal}`,
    "# HELP nodejs_external_memory_bytes Memory of C++ objects bound to JavaScript (buffers).",
    "# TYPE nodejs_external_memory_bytes gauge",
    `nodejs_external_memory_bytes{${il}} ${mem.external}`,
    "# HELP nodejs_active_resources Handles and requests keeping the event loop alive.",
    "# TYPE nodejs_active_resources gauge",
    `nodejs_active_resources{${il}} ${process.getActiveResourcesInfo().length}`,
    "# HELP nodejs_eventloop_delay_seconds Event-loop delay since the previous scrape.",
    "# TYPE nodejs_eventloop_delay_seconds summary",
  ];
  for (const q of [0.5, 0.9, 0.99]) lines.push(`nodejs_eventloop_delay_seconds{${il},quantile="${q}"} ${eventLoop.percentile(q * 100) / ns}`);
  lines.push(
    "# HELP nodejs_eventloop_delay_max_seconds Longest event-loop delay since the previous scrape.",
    "# TYPE nodejs_eventloop_delay_max_seconds gauge",
    `nodejs_eventloop_delay_max_seconds{${il}} ${eventLoop.max / ns}`,
    "# HELP nodejs_gc_runs_total Garbage collections, by kind.",
    "# TYPE nodejs_gc_runs_total counter",
  );
  eventLoop.reset();
  for (const [kind, g] of gc) lines.push(`nodejs_gc_runs_total{${il},kind="${kind}"} ${g.count}`);
  lines.push("# HELP nodejs_gc_duration_seconds_total Time spent collecting garbage, by kind.", "# TYPE nodejs_gc_duration_seconds_total counter");
  for (const [kind, g] of gc) lines.push(`nodejs_gc_duration_seconds_total{${il},kind="${kind}"} ${g.seconds}`);
  lines.push(
    "# HELP db_pool_max_connections Connections this process may open to the database server (DATABASE_POOL_MAX).",
    "# TYPE db_pool_max_connections gauge",
    `db_pool_max_connections{${il}} ${env().DATABASE_URL ? env().DATABASE_POOL_MAX : 1}`,
  );
  return lines;
}

/**
 * Decisions by outcome come from the database, not process memory, so every process reports the
 * same office-wide truth however many servers run (aggregate them with max, not sum).
 */
export function renderMetrics(
  decisionsByOutcome: Record<string, number>,
  anchors: { chain: string; ageSeconds: number; unanchored: number }[] = [],
  notices: Record<string, number> = {},
): string {
  const il = `app_instance="${instance()}"`;
  const lines: string[] = [
    "# HELP http_request_duration_seconds Request latency, by Remix route.",
    "# TYPE http_request_duration_seconds histogram",
  ];
  for (const [labels, h] of latency) {
    buckets.forEach((b, i) => lines.push(`http_request_duration_seconds_bucket{${il},${labels},le="${b / 1000}"} ${h.counts[i]}`));
    lines.push(`http_request_duration_seconds_bucket{${il},${labels},le="+Inf"} ${h.count}`);
    lines.push(`http_request_duration_seconds_sum{${il},${labels}} ${h.sum}`);
    lines.push(`http_request_duration_seconds_count{${il},${labels}} ${h.count}`);
  }
  lines.push("# HELP decisions_total Decisions recorded in the database, by outcome.", "# TYPE decisions_total counter");
  // The same in every process: no instance label (aggregate with max, not sum).
  for (const outcome of ["granted", "refused"]) lines.push(`decisions_total{outcome="${outcome}"} ${decisionsByOutcome[outcome] ?? 0}`);
  // From the database too (decision 062): the same in every process.
  lines.push(
    "# HELP journal_anchor_age_seconds Seconds since the newest RFC 3161 anchor of the chain was stamped (never anchored: since its first entry).",
    "# TYPE journal_anchor_age_seconds gauge",
  );
  for (const a of anchors) lines.push(`journal_anchor_age_seconds{chain="${a.chain.replace(/["\\\n]/g, "")}"} ${Math.round(a.ageSeconds)}`);
  lines.push("# HELP journal_unanchored_entries Entries of the chain newer than its newest anchor (not yet protected).", "# TYPE journal_unanchored_entries gauge");
  for (const a of anchors) lines.push(`journal_unanchored_entries{chain="${a.chain.replace(/["\\\n]/g, "")}"} ${a.unanchored}`);
  // The outbox (decision 064), from the database too: alert on dead > 0 and on queued growing.
  lines.push("# HELP notices Notices to applicants in the outbox, by status (queued, sent, dead, skipped).", "# TYPE notices gauge");
  for (const [status, n] of Object.entries(notices)) lines.push(`notices{status="${status}"} ${n}`);
  lines.push(
    "# HELP sweep_row_failures_total Rows a deadline sweep could not handle and skipped (logged with their id), by step.",
    "# TYPE sweep_row_failures_total counter",
  );
  for (const [step, n] of sweepFailures) lines.push(`sweep_row_failures_total{step="${step}",${il}} ${n}`);
  lines.push(...processLines(il));
  return lines.join("\n") + "\n";
}
