/**
 * One anchoring round for many offices (decision 062): each office's chain head moved, every head
 * stamped by a real TSA (OpenSSL's `ts -reply` behind HTTP, tests/support/tsa.ts), the tokens
 * checked and stored; then a round with nothing to stamp, and journal:verify's check of every token.
 *
 *   npx tsx tests/bench/anchoring-round.ts [offices=100] [concurrency=4]
 *
 * On PGlite in memory, or a fresh database on the server with DATABASE_URL.
 */
import { performance } from "node:perf_hooks";
import { appendJournal } from "../../workflows/journal";
import { anchorChains } from "../../workflows/journal/anchor";
import { verifyAnchors } from "../../workflows/journal/verify-anchors";
import { createOffice } from "../support/factories";
import { startTestTsa } from "../support/tsa";
import { benchDatabase, table } from "./_server";

const offices = Number(process.argv[2] ?? 100);
const concurrency = Number(process.argv[3] ?? 4);
const h = await benchDatabase("bench_anchor");
try {
  const tsa = await startTestTsa("Bench");
  try {
    for (let i = 0; i < offices; i++) {
      const code = String(100 + i).padStart(3, "0");
      await createOffice(h.db, code);
      await h.db.transaction((tx) => appendJournal(tx, { actor: { type: "system" }, officeCode: code, action: "demo.seeded", after: { i } }));
    }
    const settings = { url: tsa.url, trustedPem: tsa.caCertPem };
    let t0 = performance.now();
    const round = await anchorChains(h.db, settings, { concurrency });
    const roundMs = performance.now() - t0;
    t0 = performance.now();
    const idle = await anchorChains(h.db, settings, { concurrency });
    const idleMs = performance.now() - t0;
    t0 = performance.now();
    const v = await verifyAnchors(h.db, tsa.caCertPem);
    const verifyMs = performance.now() - t0;
    table([
      { figure: `round: chains stamped (of ${offices} offices), failed`, value: `${round.anchored.length}, ${round.failed.length}` },
      { figure: `round wall time (${concurrency} TSA requests at a time)`, value: `${(roundMs / 1000).toFixed(2)} s (${(roundMs / Math.max(1, round.anchored.length)).toFixed(1)} ms per chain)` },
      { figure: "round with nothing moved", value: `${idleMs.toFixed(1)} ms, ${idle.anchored.length} stamped` },
      { figure: "verify every token and chain", value: `${(verifyMs / 1000).toFixed(2)} s, ${v.anchors} tokens, ${v.ok ? "OK" : "BROKEN"}` },
      { figure: "database", value: process.env.DATABASE_URL ? "PostgreSQL server" : "PGlite (memory)" },
    ]);
    if (round.failed.length || !v.ok) process.exitCode = 1;
  } finally {
    await tsa.close();
  }
} finally {
  await h.close();
}
