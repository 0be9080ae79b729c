import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, type DbHandle } from "../../../db/client";

/**
 * Migration 0004 on a database made before it: a decision already printed keeps the number on its
 * paper, an unprinted one keeps its own, an annulment in effect gets one number, and no number is
 * ever made twice afterwards.
 */
const MIGRATIONS = path.resolve("db/migrations");
let h: DbHandle;
let before: string;

/** The migrations up to (not including) `tag`, as drizzle reads them. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag));
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

beforeAll(async () => {
  h = await openDatabase({ dataDir: "memory://" });
  before = migrationsBefore("0004_act_numbers");
  await migrate(h.db as never, { migrationsFolder: before });
  for (const statement of [
    `insert into offices (code, name, address, head_name) values ('002', 'Office 002', 'Address', 'Head')`,
    `insert into staff_users (id, username, full_name, role, office_code, password_hash)
          values ('00000000-0000-4000-8000-000000000001', 'insp', 'Inspector', 'inspector', '002', 'x')`,
    `insert into applications (id, code, inn, request_kind, subject_type, applicant_name, form, status, snapshot, expires_at, office_code, incoming_number)
          values ('00000000-0000-4000-8000-0000000000a1', 'AAAA1111B', '21505199000011', 'grant', 'individual', 'A', '{}', 'granted', '{}', now(), '002', '002/2026/000001'),
                 ('00000000-0000-4000-8000-0000000000a2', 'AAAA2222C', '21505199000012', 'grant', 'individual', 'B', '{}', 'granted', '{}', now(), '002', '002/2026/000002')`,
    `insert into decisions (id, application_id, office_code, number, outcome, decided_by, decided_at)
          values ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000a1', '002', '002/2026/R-000001', 'granted', '00000000-0000-4000-8000-000000000001', '2026-03-01T08:00:00Z'),
                 ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000a2', '002', '002/2026/R-000002', 'granted', '00000000-0000-4000-8000-000000000001', '2026-03-01T09:00:00Z')`,
    `insert into printed_documents (office_code, kind, year, sequence, number, subject_inn, source_id, payload, content_hash)
          values ('002', 'decision_grant', 2026, 7, '002-DG-2026-000007', '21505199000011', '00000000-0000-4000-8000-0000000000d1', '{}', 'h1')`,
    `insert into number_sequences (office_code, series, year, last) values ('002', 'document.decision_grant', 2026, 7), ('002', 'decision', 2026, 2)`,
    `insert into access_accounts (id, inn, login, status, snapshot, office_code)
          values ('00000000-0000-4000-8000-0000000000c1', '21505199000011', 'kb-aaaa1111', 'annulled', '{}', '002')`,
    `insert into annulments (id, account_id, office_code, kind, status, proposed_at, decided_at, effective_at)
          values ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000c1', '002', 'on_request', 'entered', '2026-04-01T08:00:00Z', '2026-04-01T08:00:00Z', '2026-04-01T08:00:00Z'),
                 ('00000000-0000-4000-8000-0000000000e2', '00000000-0000-4000-8000-0000000000c1', '002', 'fictitious_activity', 'rejected', '2026-04-02T08:00:00Z', '2026-04-02T09:00:00Z', null)`,
  ])
    await h.db.execute(sql.raw(statement));
  await migrate(h.db as never, { migrationsFolder: MIGRATIONS });
});
afterAll(async () => {
  await h.close();
  rmSync(before, { recursive: true, force: true });
});

describe("migration 0004: one number per act for the rows made before it", () => {
  it("a printed decision takes the number on its paper; an unprinted one keeps its own", async () => {
    const rows = await queryRows<{ id: string; number: string }>(h.db, sql`select id, number from decisions order by id`);
    expect(rows.map((r) => r.number)).toEqual(["002-DG-2026-000007", "002/2026/R-000002"]);
  });

  it("an annulment in effect gets the next number of its series; a rejected proposal none", async () => {
    const rows = await queryRows<{ number: string | null }>(h.db, sql`select number from annulments order by id`);
    expect(rows.map((r) => r.number)).toEqual(["002-AN-2026-000001", null]);
  });

  it("the printed series' counters go on, so the next grant cannot repeat a printed number", async () => {
    const [row] = await queryRows<{ last: number }>(h.db, sql`select last from number_sequences where office_code = '002' and series = 'decision_grant' and year = 2026`);
    expect(Number(row.last)).toBe(7);
  });
});
