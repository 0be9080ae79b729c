/** One app process's sweeper for tests/bench/two-sweepers.ts: sweeps in a loop, prints its totals as JSON. */
import { openDatabase } from "../../db/client";
import { sweepDeadlines } from "../../workflows";

const [url, nowIso, batch] = process.argv.slice(2);
const handle = await openDatabase({ url, max: 4 });
const totals = { decisionOverdue: 0, entryOverdue: 0, expired: 0, sweeps: 0, errors: [] as string[] };
let quiet = 0;
// Both processes start together (a line on stdin), then sweep until three sweeps in a row find nothing.
await new Promise((r) => process.stdin.once("data", r));
while (quiet < 3 && totals.errors.length < 20) {
  totals.sweeps++;
  try {
    const r = await sweepDeadlines(handle.db, new Date(nowIso), Number(batch));
    totals.decisionOverdue += r.decisionOverdue;
    totals.entryOverdue += r.entryOverdue;
    totals.expired += r.expired;
    // A row the sweep skipped is an error of this run too.
    for (const f of r.failed) totals.errors.push(`${f.step} ${f.id}: ${(f.error as Error)?.message ?? String(f.error)}`);
    quiet = r.decisionOverdue + r.entryOverdue + r.expired === 0 ? quiet + 1 : 0;
  } catch (e) {
    // As the app's sweep loop does: the batch rolled back, log and sweep again.
    const err = e as { cause?: { message?: string }; message?: string };
    totals.errors.push(err.cause?.message ?? err.message ?? String(e));
  }
}
await handle.close();
console.log(JSON.stringify(totals));
