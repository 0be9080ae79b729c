/**
 * One app process of the decision-throughput benchmark (APP_PROCESSES > 1): grants the targets it
 * is given with its own connection pool and concurrency until they run out or the time is up, then
 * prints one JSON line { done, errors, latencies, elapsed } (its own clock, start-up excluded). Production runs one such process per core
 * (WEB_CONCURRENCY), each with its own pool, exactly like this.
 */
import { readFileSync } from "node:fs";
import { openDatabase } from "../../db/client";
import { grantAccess, type StaffActor } from "../../workflows";

const input = JSON.parse(readFileSync(0, "utf8")) as {
  url: string;
  concurrency: number;
  seconds: number;
  targets: { id: string; office: string }[];
  inspectors: Record<string, StaffActor>;
};
const handle = await openDatabase({ url: input.url, max: input.concurrency + 1 });
let next = 0;
let done = 0;
let errors = 0;
const latencies: number[] = [];
const started = performance.now();
const deadline = started + input.seconds * 1000;
await Promise.all(
  Array.from({ length: input.concurrency }, async () => {
    while (performance.now() < deadline && next < input.targets.length) {
      const t = input.targets[next++];
      const t0 = performance.now();
      try {
        await grantAccess(handle.db, input.inspectors[t.office], t.id, new Date());
        done++;
        latencies.push(performance.now() - t0);
      } catch (e) {
        if (errors++ === 0) process.stderr.write(`first error: ${String((e as Error).message ?? e)}\n`);
      }
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
await handle.close();
process.stdout.write(JSON.stringify({ done, errors, latencies, elapsed }) + "\n");
