import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db, type DbHandle } from "../../../db/client";
import { renderMetrics } from "../../../app/utils/metrics.server";
import type { StaffActor } from "../../../workflows/actor";
import { anchorAges, anchorChains, AnchoringJob } from "../../../workflows/journal/anchor";
import { anchoredStatement, verifyTimeStampToken } from "../../../workflows/journal/tsa";
import { verifyAnchors } from "../../../workflows/journal/verify-anchors";
import { verifyJournal } from "../../../workflows/journal/verify";
import { createTestDb } from "../../support/db";
import { issueJournalExtract } from "../../../workflows/subject";
import { verifyDocument } from "../../../workflows/documents";
import { createOffice, createStaff, createTaxpayer, grantedSubject } from "../../support/factories";
import { startTestTsa, type TestTsa } from "../../support/tsa";

// Decision 062: chain heads time-stamped by a real RFC 3161 TSA (OpenSSL behind HTTP), and the
// attacks of issue 16 made as the database's owner would make them. Every test has a database of
// its own (PGlite, or a new database on the server when DATABASE_URL is set).
const OFFICE = "071";
let tsa: TestTsa;
let otherTsa: TestTsa;
let h: DbHandle | undefined;
let inspector: StaffActor;

beforeAll(async () => {
  [tsa, otherTsa] = await Promise.all([startTestTsa(), startTestTsa("Other")]);
}, 60_000);
afterAll(async () => {
  await tsa.close();
  await otherTsa.close();
});
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const settings = () => ({ url: tsa.url, trustedPem: tsa.caCertPem });

async function freshDb(): Promise<Db> {
  h = await createTestDb();
  await createOffice(h.db, OFFICE);
  inspector = await createStaff(h.db, "inspector", OFFICE);
  return h.db;
}

async function grants(db: Db, n: number) {
  for (let i = 0; i < n; i++) await grantedSubject(db, inspector, await createTaxpayer(db, OFFICE), new Date(Date.now() - 3600_000));
}

async function head(db: Db, chain = OFFICE): Promise<number> {
  const [row] = await queryRows<{ seq: string | number }>(db, sql`select seq from journal_chains where chain = ${chain}`);
  return Number(row.seq);
}

/**
 * As the owner would: with the triggers off for this transaction, the entries from `fromSeq` on
 * are relinked and rehashed with the database's own journal_entry_hash, and the head is moved.
 */
async function rehashFrom(db: Db, chain: string, fromSeq: number) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    const last = Number((await queryRows<{ m: string }>(tx, sql`select max(seq) as m from journal_entries where chain = ${chain}`))[0].m);
    for (let s = fromSeq; s <= last; s++) {
      await tx.execute(sql`update journal_entries set prev_hash = coalesce((select hash from journal_entries where chain = ${chain} and seq = ${s - 1}), repeat('0', 64))
                           where chain = ${chain} and seq = ${s}`);
      await tx.execute(sql`update journal_entries set hash = journal_entry_hash(chain, seq, at, actor_id, actor_role, office_code, action, subject_inn,
                                                                               entity_type, entity_id, before, after, prev_hash)
                           where chain = ${chain} and seq = ${s}`);
    }
    await tx.execute(sql`update journal_chains set seq = ${last}, head_hash = (select hash from journal_entries where chain = ${chain} and seq = ${last}) where chain = ${chain}`);
  });
}

describe("anchoring chain heads with a real TSA", () => {
  it("stamps each chain whose head moved, once, and the tokens verify against the TSA's CA and against its own certificate", async () => {
    const db = await freshDb();
    await grants(db, 1);
    const first = await anchorChains(db, settings());
    expect(first.failed).toEqual([]);
    expect(first.anchored.find((a) => a.chain === OFFICE)).toMatchObject({ headSeq: await head(db) });
    // Nothing moved: nothing stamped.
    const again = await anchorChains(db, settings());
    expect(again.anchored).toEqual([]);
    expect(again.unchanged).toBe(first.anchored.length);
    const v = await verifyAnchors(db, tsa.caCertPem);
    expect(v).toMatchObject({ ok: true, firstBreak: null, unprotected: 0 });
    expect((await verifyAnchors(db, await readFile(tsa.tsaCertFile, "utf8"))).ok).toBe(true);
  });
});

describe("attack 1: an anchored entry edited, every later hash recomputed by the database, the head moved", () => {
  it("passes the plain chain check, and the anchors name the anchored entry that no longer matches", async () => {
    const db = await freshDb();
    await grants(db, 1);
    await anchorChains(db, settings());
    const a = await head(db);
    await grants(db, 2);
    await anchorChains(db, settings());
    const b = await head(db);
    expect(b).toBeGreaterThan(a + 1);
    const n = a + 2;
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update journal_entries set after = coalesce(after, '{}'::jsonb) || '{"status": "refused"}'::jsonb where chain = ${OFFICE} and seq = ${n}`);
    });
    await rehashFrom(db, OFFICE, n);
    // The keeper's rewrite is invisible to the hash chain alone (issue 16).
    expect((await verifyJournal(db)).ok).toBe(true);
    const v = await verifyAnchors(db, tsa.caCertPem);
    expect(v.ok).toBe(false);
    expect(v.firstBreak).toMatchObject({ chain: OFFICE, seq: b, fromSeq: a + 1, reason: "rewritten" });
    expect(n).toBeGreaterThanOrEqual(v.firstBreak!.fromSeq);
    expect(n).toBeLessThanOrEqual(v.firstBreak!.seq);
    // The earlier anchor still holds: what it covers is intact.
    expect(v.chains.find((c) => c.chain === OFFICE)).toMatchObject({ anchoredSeq: 0 });
    // The next round refuses to stamp the rewritten history, and says why.
    await grants(db, 1);
    const round = await anchorChains(db, settings());
    expect(round.failed).toEqual([expect.objectContaining({ chain: OFFICE, kind: "rewritten" })]);
  });
});

describe("attack 2: a forged entry with a correct hash, the head moved", () => {
  /** Appends, as the owner, an entry with a hash the database computes; `at` as given. */
  async function forgeAppend(db: Db, at: Date) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`insert into journal_entries (chain, seq, at, actor_role, office_code, action, subject_inn, entity_type, entity_id, after, prev_hash, hash)
        select c.chain, c.seq + 1, ${at.toISOString()}::timestamptz, 'inspector', ${OFFICE}, 'application.granted', '20101199099999', 'application', 'forged',
               '{"status": "granted"}'::jsonb, c.head_hash,
               journal_entry_hash(c.chain, c.seq + 1, ${at.toISOString()}::timestamptz, null, 'inspector', ${OFFICE}, 'application.granted', '20101199099999',
                                  'application', 'forged', null, '{"status": "granted"}'::jsonb, c.head_hash)
        from journal_chains c where c.chain = ${OFFICE}`);
      await tx.execute(sql`update journal_chains set seq = seq + 1, head_hash = (select hash from journal_entries e where e.chain = ${OFFICE} and e.seq = journal_chains.seq + 1) where chain = ${OFFICE}`);
    });
  }

  it("inserted before an anchor (the later entries renumbered and rehashed): detected, and the next round refuses to stamp", async () => {
    const db = await freshDb();
    await grants(db, 2);
    await anchorChains(db, settings());
    const a = await head(db);
    // The forged entry goes in at seq 3: every entry from there moves up one and is rehashed.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update journal_entries set seq = -seq where chain = ${OFFICE} and seq >= 3`);
      await tx.execute(sql`update journal_entries set seq = -seq + 1 where chain = ${OFFICE} and seq < 0`);
      await tx.execute(sql`insert into journal_entries (chain, seq, at, actor_role, office_code, action, entity_type, entity_id, prev_hash, hash)
        select chain, 3, at, actor_role, office_code, 'application.granted', 'application', 'forged', '', '' from journal_entries where chain = ${OFFICE} and seq = 2`);
    });
    await rehashFrom(db, OFFICE, 3);
    expect((await verifyJournal(db)).ok).toBe(true);
    const v = await verifyAnchors(db, tsa.caCertPem);
    expect(v.firstBreak).toMatchObject({ chain: OFFICE, seq: a, reason: "rewritten" });
    const round = await anchorChains(db, settings());
    expect(round.failed).toEqual([expect.objectContaining({ chain: OFFICE, kind: "rewritten" })]);
  });

  it("appended after the last anchor and dated before it: named as backdated", async () => {
    const db = await freshDb();
    await grants(db, 1);
    const round = await anchorChains(db, settings());
    const a = await head(db);
    const stamped = round.anchored.find((x) => x.chain === OFFICE)!.tsaTime;
    await forgeAppend(db, new Date(stamped.getTime() - 3600_000));
    expect((await verifyJournal(db)).ok).toBe(true);
    const v = await verifyAnchors(db, tsa.caCertPem);
    expect(v.ok).toBe(false);
    expect(v.firstBreak).toBeNull();
    expect(v.backdated).toEqual([expect.objectContaining({ chain: OFFICE, seq: a + 1, anchorSeq: a })]);
  });

  it("appended after the last anchor with a plausible time: counted as not yet protected, and indistinguishable once stamped (the limit of decision 062)", async () => {
    const db = await freshDb();
    await grants(db, 1);
    await anchorChains(db, settings());
    const a = await head(db);
    await forgeAppend(db, new Date());
    const before = await verifyAnchors(db, tsa.caCertPem);
    expect(before.ok).toBe(true);
    expect(before.chains.find((c) => c.chain === OFFICE)).toMatchObject({ anchoredSeq: a, unprotected: 1 });
    await anchorChains(db, settings());
    const after = await verifyAnchors(db, tsa.caCertPem);
    expect(after.chains.find((c) => c.chain === OFFICE)).toMatchObject({ anchoredSeq: a + 1, unprotected: 0 });
  });
});

describe("tokens that must not verify", () => {
  it("against another TSA's certificate, a token fails; so does a token stamping another hash than its row", async () => {
    const db = await freshDb();
    await grants(db, 1);
    await anchorChains(db, settings());
    const other = await verifyAnchors(db, otherTsa.caCertPem);
    expect(other.ok).toBe(false);
    expect(other.firstBreak).toMatchObject({ reason: "token_invalid" });

    // A token made by the other TSA for the same head, stored as if ours: fails against our certificate.
    const [row] = await queryRows<{ head_seq: string; head_hash: string; token: Buffer }>(db, sql`select head_seq, head_hash, token from journal_anchors where chain = ${OFFICE}`);
    const statement = anchoredStatement(OFFICE, Number(row.head_seq), row.head_hash);
    expect((await verifyTimeStampToken(row.token, statement, tsa.caCertPem)).ok).toBe(true);
    const { requestTimeStamp } = await import("../../../workflows/journal/tsa");
    const foreign = await requestTimeStamp({ url: otherTsa.url, trustedPem: otherTsa.caCertPem }, statement);
    expect(await verifyTimeStampToken(foreign.token, statement, tsa.caCertPem)).toMatchObject({ ok: false, reason: "signature" });

    // The owner moves the anchor row to a rewritten hash: the token no longer stamps it.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update journal_anchors set head_hash = repeat('a', 64) where chain = ${OFFICE}`);
    });
    const moved = await verifyAnchors(db, tsa.caCertPem);
    expect(moved.firstBreak).toMatchObject({ chain: OFFICE, reason: "token_mismatch" });
  });

  it("the anchors table is append-only for whoever connects without the owner's bypass", async () => {
    const db = await freshDb();
    await grants(db, 1);
    await anchorChains(db, settings());
    await expect(db.execute(sql`delete from journal_anchors`)).rejects.toThrow();
    await expect(db.execute(sql`update journal_anchors set head_seq = 1`)).rejects.toThrow();
  });
});

describe("the TSA down", () => {
  it("grants go on, anchoring fails and backs off, the age grows; the TSA back, anchoring catches up", async () => {
    const db = await freshDb();
    await grants(db, 1);
    const job = new AnchoringJob(async () => db, settings(), { intervalMs: 60_000, retryMs: 1_000 });
    expect((await job.runOnce()).delayMs).toBe(60_000);
    await tsa.stop();
    try {
      await grants(db, 1);
      const failed = await job.runOnce();
      expect(failed.delayMs).toBe(1_000);
      expect(job.state).toMatchObject({ failures: 1 });
      expect(job.state.lastFailure).toMatch(/cannot be reached/);
      expect((await job.runOnce()).delayMs).toBe(2_000);
      const age1 = (await anchorAges(db)).find((x) => x.chain === OFFICE)!;
      expect(age1.unanchored).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1_100));
      await grants(db, 1);
      const age2 = (await anchorAges(db)).find((x) => x.chain === OFFICE)!;
      expect(age2.ageSeconds).toBeGreaterThan(age1.ageSeconds);
      expect(age2.unanchored).toBeGreaterThan(age1.unanchored);
      expect(renderMetrics({}, [age2])).toMatch(new RegExp(`journal_anchor_age_seconds\\{chain="${OFFICE}"\\} \\d+`));
    } finally {
      await tsa.start();
    }
    const back = await job.runOnce();
    expect(back.delayMs).toBe(60_000);
    expect(job.state.failures).toBe(0);
    expect(back.round!.anchored.map((a) => a.chain)).toContain(OFFICE);
    expect((await anchorAges(db)).find((x) => x.chain === OFFICE)).toMatchObject({ unanchored: 0 });
    expect((await verifyAnchors(db, tsa.caCertPem)).ok).toBe(true);
  });
});

describe("the journal extract carries its anchor", () => {
  it("names the newest time stamp covering the subject's entries at issue, or says none covers them yet", async () => {
    const db = await freshDb();
    const inn = await createTaxpayer(db, OFFICE);
    await grantedSubject(db, inspector, inn, new Date(Date.now() - 3600_000));
    const before = await issueJournalExtract(db, inspector, { inn }, new Date());
    // The online application went to the global chain, the rest to the office's.
    expect(before.payload.anchoring).toEqual({ covered: [], uncovered: expect.arrayContaining([OFFICE]) });
    const check = (doc: typeof before) => verifyDocument(db, doc.id, doc.contentHash.slice(0, 16), new Date());
    expect((await check(before)).anchoring).toEqual({ anchored: false });
    const round = await anchorChains(db, settings());
    const stamp = round.anchored.find((a) => a.chain === OFFICE)!;
    // /verify of the extract issued before the round: its entries are protected now, by the round's latest stamp.
    const latest = round.anchored.reduce((a, b) => (a.tsaTime >= b.tsaTime ? a : b));
    expect((await check(before)).anchoring).toEqual({ anchored: true, tsaTime: latest.tsaTime.toISOString(), serial: latest.tokenSerial });
    const after = await issueJournalExtract(db, inspector, { inn }, new Date());
    expect((await check(after)).anchoring).toEqual({ anchored: true, tsaTime: latest.tsaTime.toISOString(), serial: latest.tokenSerial });
    expect(after.payload.anchoring!.uncovered).toEqual([]);
    expect(after.payload.anchoring!.covered).toContainEqual({ chain: OFFICE, seq: stamp.headSeq, tsaTime: stamp.tsaTime.toISOString(), serial: stamp.tokenSerial });
  });
});
