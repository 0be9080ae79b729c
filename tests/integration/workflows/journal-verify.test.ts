import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, queryRows, type DbHandle } from "../../../db/client";
import { grantAccess, subjectCard } from "../../../workflows";
import { anchorChains, verifyJournal } from "../../../workflows/journal";
import { acceptedApplication, createOffice, createStaff, createTaxpayer } from "../../support/factories";
import { startTestTsa } from "../../support/tsa";

/**
 * `npm run journal:verify` (scripts/journal-verify.ts) on a database filled through the workflow
 * events, opened the way the app opens it: a PGlite directory, or DATABASE_URL on the server.
 */
const serverUrl = process.env.DATABASE_URL;
let target: { env: Record<string, string>; open: () => Promise<DbHandle>; drop: () => Promise<void> };

beforeAll(async () => {
  if (serverUrl) {
    const name = `app_jv_${randomBytes(5).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    target = {
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase({ url: url.toString(), max: 4 }),
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "jv-"));
    target = {
      env: { PGLITE_DIR: dir, DATABASE_URL: "" },
      open: () => openDatabase({ dataDir: dir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const h = await target.open();
  await migrateDatabase(h);
  await h.close();
});
afterAll(() => target.drop());

/**
 * Runs `npm run journal:verify`'s script as a child process. Asynchronously: a synchronous spawn
 * would hold the test worker's event loop for as long as the script runs, which on a busy machine
 * outlasts vitest's 60 s wait for the worker's progress reports.
 */
function runVerify(extra: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env, ...target.env, ...extra };
  if (!env.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/journal-verify.ts"], { env });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("journal:verify over workflow events (UA seed: tamper-evident journal)", () => {
  it("passes on a fresh database", async () => {
    const r = await runVerify();
    expect(r.out).toContain("OK: 0 entries");
    expect(r.code).toBe(0);
  });

  it("passes after a grant and a card view, and fails naming the entry edited by hand in SQL", async () => {
    const h = await target.open();
    let editedId: number;
    try {
      await createOffice(h.db, "001");
      const insp = await createStaff(h.db, "inspector", "001");
      const inn = await createTaxpayer(h.db, "001");
      const T0 = new Date("2025-03-07T04:00:00Z");
      const a = await acceptedApplication(h.db, insp, inn, T0);
      await grantAccess(h.db, insp, a.id, new Date(T0.getTime() + 300_000));
      await subjectCard(h.db, insp, inn, new Date(T0.getTime() + 400_000));
      expect((await verifyJournal(h.db)).ok).toBe(true);
    } finally {
      await h.close();
    }
    let r = await runVerify();
    expect(r.out).toMatch(/^OK: 6 entries in 2 chains/m);
    expect(r.code).toBe(0);

    const h2 = await target.open();
    try {
      const [row] = await queryRows<{ id: number }>(h2.db, sql`select id::int as id from journal_entries where action = 'application.granted'`);
      editedId = row.id;
      await h2.db.execute(sql`alter table journal_entries disable trigger journal_append_only`);
      await h2.db.execute(sql`update journal_entries set after = jsonb_set(after, '{login}', '"kb-forged00"') where id = ${editedId}`);
      await h2.db.execute(sql`alter table journal_entries enable trigger journal_append_only`);
    } finally {
      await h2.close();
    }
    r = await runVerify();
    expect(r.code).toBe(1);
    expect(r.out).toContain(`BROKEN: chain 001, entry id ${editedId}, seq 3 (hash_mismatch)`);
  }, 120_000);

  it("with TSA_CERT_FILE, checks the anchors against that certificate and says what no anchor covers yet (decision 062)", async () => {
    const [tsa, other] = await Promise.all([startTestTsa(), startTestTsa("Other")]);
    try {
      expect((await runVerify({ TSA_CERT_FILE: "" })).out).toContain("ANCHORS NOT CHECKED");
      const h = await target.open();
      try {
        await createOffice(h.db, "002");
        const insp = await createStaff(h.db, "inspector", "002");
        const a = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "002"), new Date("2025-03-07T04:00:00Z"));
        await grantAccess(h.db, insp, a.id, new Date("2025-03-07T04:05:00Z"));
        const round = await anchorChains(h.db, { url: tsa.url, trustedPem: tsa.caCertPem }, { chains: ["002"] });
        expect(round.anchored.map((x) => x.chain)).toEqual(["002"]);
      } finally {
        await h.close();
      }
      let r = await runVerify({ TSA_CERT_FILE: tsa.caCertFile });
      expect(r.out).toContain("ANCHORS OK: 1 tokens verified");
      expect(r.out).toMatch(/^NOT YET ANCHORED: chain 001, \d+ entries after seq 0 \(never anchored\)/m);
      r = await runVerify({ TSA_CERT_FILE: other.caCertFile });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^ANCHOR BROKEN: chain 002, anchored entry seq \d+ \(token_invalid\)/m);
    } finally {
      await tsa.close();
      await other.close();
    }
    // Two authorities made with openssl and three runs of the script: minutes on a busy machine.
  }, 180_000);
});
