import { hostname } from "node:os";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { observeRequest, renderMetrics, setRouteManifest, type RouteManifest } from "../../../app/utils/metrics.server";

/**
 * /metrics: requests labelled by the Remix route that answers them (a bounded set, no INN or code
 * from the path), Node.js process metrics, and a label telling processes apart.
 */
// The shape of the server build's `routes` (Remix flat routes), for a few of the app's routes.
const manifest: RouteManifest = {
  root: { id: "root", path: "" },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true },
  "routes/desk._index": { id: "routes/desk._index", parentId: "root", path: "desk", index: true },
  "routes/desk.subjects.$inn": { id: "routes/desk.subjects.$inn", parentId: "root", path: "desk/subjects/:inn" },
  "routes/desk.subjects.$inn.journal[.pdf]": { id: "routes/desk.subjects.$inn.journal[.pdf]", parentId: "root", path: "desk/subjects/:inn/journal.pdf" },
  "routes/desk.applications.$id": { id: "routes/desk.applications.$id", parentId: "root", path: "desk/applications/:id" },
  "routes/verify.$id": { id: "routes/verify.$id", parentId: "root", path: "verify/:id" },
  "routes/api.v1.credentials.verify": { id: "routes/api.v1.credentials.verify", parentId: "root", path: "api/v1/credentials/verify" },
};
setRouteManifest(manifest);

function routesIn(text: string): Set<string> {
  return new Set([...text.matchAll(/http_request_duration_seconds_count\{[^}]*route="([^"]*)"/g)].map((m) => m[1]));
}

describe("/metrics", () => {
  it("labels a request by its route id, never by the path it carried", () => {
    observeRequest("GET", "/desk/subjects/21505199000011", 200, 12);
    observeRequest("GET", "/desk/subjects/21505199000011/journal.pdf", 200, 40);
    observeRequest("POST", "/desk/applications/0b7c1d9e-1a2b-4c3d-8e9f-001122334455.data", 200, 30);
    observeRequest("GET", "/_root.data", 200, 3);
    observeRequest("GET", "/desk", 302, 3);
    observeRequest("GET", "/assets/entry.client-AbC123.js", 200, 1);
    observeRequest("GET", "/no/such/page", 404, 2);
    const text = renderMetrics({});
    expect(text).not.toContain("21505199000011");
    expect(text).not.toContain("0b7c1d9e");
    expect(text).not.toContain('route="*"');
    expect(routesIn(text)).toEqual(
      new Set([
        "routes/desk.subjects.$inn",
        "routes/desk.subjects.$inn.journal[.pdf]",
        "routes/desk.applications.$id",
        "routes/_index",
        "routes/desk._index",
        "static",
        "unmatched",
      ]),
    );
  });

  it("keeps a bounded set of series whatever paths and methods clients send (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.webPath(), fc.integer({ min: 100, max: 599 })), { maxLength: 50 }), (requests) => {
        for (const [method, path, status] of requests) observeRequest(method, path || "/", status, 1);
      }),
      { numRuns: 200 },
    );
    const text = renderMetrics({});
    const routes = routesIn(text);
    for (const r of routes) expect([...Object.keys(manifest), "static", "unmatched"]).toContain(r);
    const series = text.split("\n").filter((l) => l.startsWith("http_request_duration_seconds_count"));
    // methods (7 names + OTHER) × routes × status classes (1xx-5xx)
    expect(series.length).toBeLessThanOrEqual(8 * (Object.keys(manifest).length + 2) * 5);
  });

  it("reports the process (CPU, memory, heap, event-loop delay, garbage collection), every sample naming its instance", () => {
    const text = renderMetrics({ granted: 3 });
    for (const name of [
      "process_cpu_user_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_delay_seconds",
      "nodejs_eventloop_delay_max_seconds",
      "nodejs_gc_runs_total",
      "nodejs_gc_duration_seconds_total",
      "db_pool_max_connections",
    ]) {
      expect(text, name).toMatch(new RegExp(`^${name}\\{app_instance="[^"]+"`, "m"));
    }
    // Every sample but the database-wide decision counts, which every process reports alike.
    const samples = text.split("\n").filter((l) => l && !l.startsWith("#") && !l.startsWith("decisions_total"));
    const instance = `app_instance="${process.env.APP_INSTANCE ?? `${hostname()}:${process.env.PORT || 3000}`}"`;
    for (const line of samples) expect(line).toContain(instance);
    expect(text).toMatch(/^decisions_total\{outcome="granted"\} 3$/m);
  });
});
