import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { DEMO_INNS, DEMO_OFFICES, DEMO_STAFF, demoRegistry, seedDemoData } from "../../../db/seed";
import { verifyPassword } from "../../../workflows/auth/argon";
import { verifyJournal } from "../../../workflows/journal";
import { isValidInn } from "../../../workflows/registry/inn";
import { subjectTypeFitsInn } from "../../../workflows/registry/row";
import { createTestDb } from "../../support/db";

async function count(h: DbHandle, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row.n;
}

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

describe("demo data", () => {
  it("fills an empty database: offices, staff, >= 200 taxpayers of every type, deregistered and with evidence", async () => {
    const result = await seedDemoData(h.db);
    const registry = demoRegistry();
    expect(result).toMatchObject({ seeded: true, offices: DEMO_OFFICES.length, staff: DEMO_STAFF.length });
    expect(await count(h, "offices")).toBeGreaterThanOrEqual(3);
    expect(await count(h, "taxpayers")).toBe(registry.taxpayers.length);
    expect(registry.taxpayers.length).toBeGreaterThanOrEqual(200);
    expect(await count(h, "fictitious_evidence")).toBe(registry.evidence.length);

    const byType = await queryRows<{ subject_type: string; office_code: string; n: number }>(
      h.db,
      sql`select subject_type, office_code, count(*)::int as n from taxpayers group by 1, 2`,
    );
    for (const type of ["individual", "entrepreneur", "legal_entity", "foreign_resident"]) {
      expect(byType.filter((r) => r.subject_type === type).reduce((s, r) => s + r.n, 0)).toBeGreaterThan(0);
    }
    for (const office of DEMO_OFFICES) expect(byType.filter((r) => r.office_code === office.code).length).toBeGreaterThanOrEqual(3);

    const [{ dereg, total, evidenced }] = await queryRows<{ dereg: number; total: number; evidenced: number }>(
      h.db,
      sql`select count(*) filter (where registration_status = 'deregistered')::int as dereg, count(*)::int as total,
                 (select count(distinct inn)::int from fictitious_evidence) as evidenced from taxpayers`,
    );
    expect(dereg / total).toBeGreaterThan(0.03);
    expect(dereg / total).toBeLessThan(0.1);
    expect(evidenced / total).toBeGreaterThan(0.03);
    expect(evidenced / total).toBeLessThan(0.1);

    const offices = await queryRows<{ time_zone: string }>(h.db, sql`select time_zone from offices`);
    expect(new Set(offices.map((o) => o.time_zone))).toEqual(new Set(["Asia/Bishkek"]));
    expect((await verifyJournal(h.db)).ok).toBe(true);
  });

  it("every taxpayer has a valid INN that fits its subject type, and evidence points at registry taxpayers", async () => {
    const rows = await queryRows<{ inn: string; subject_type: "individual" }>(h.db, sql`select inn, subject_type from taxpayers`);
    for (const r of rows) {
      expect(isValidInn(r.inn), r.inn).toBe(true);
      expect(subjectTypeFitsInn(r.inn, r.subject_type), r.inn).toBe(true);
    }
    const orphans = await queryRows(h.db, sql`select e.inn from fictitious_evidence e left join taxpayers t using (inn) where t.inn is null`);
    expect(orphans).toEqual([]);
  });

  it("the named demo INNs are what they say", async () => {
    const lookup = async (inn: string) =>
      (await queryRows<{ office_code: string; subject_type: string; registration_status: string; evidence: number }>(
        h.db,
        sql`select office_code, subject_type, registration_status, (select count(*)::int from fictitious_evidence e where e.inn = t.inn) as evidence
            from taxpayers t where inn = ${inn}`,
      ))[0];
    const types = { individual: "individual", entrepreneur: "entrepreneur", legalEntity: "legal_entity", foreignResident: "foreign_resident" } as const;
    for (const [office, inns] of Object.entries(DEMO_INNS.registered)) {
      for (const [key, inn] of Object.entries(inns)) {
        expect(isValidInn(inn)).toBe(true);
        expect(await lookup(inn)).toEqual({ office_code: office, subject_type: types[key as keyof typeof types], registration_status: "registered", evidence: 0 });
      }
    }
    expect(await lookup(DEMO_INNS.deregistered)).toMatchObject({ registration_status: "deregistered", evidence: 0 });
    expect(await lookup(DEMO_INNS.withEvidence)).toMatchObject({ registration_status: "registered", evidence: 1 });
    expect(await lookup(DEMO_INNS.withEvidenceEntrepreneur)).toMatchObject({ registration_status: "registered", evidence: 1 });
    expect(isValidInn(DEMO_INNS.unknown)).toBe(true);
    expect(await lookup(DEMO_INNS.unknown)).toBeUndefined();
  });

  it("each office has an inspector and a supervisor; the documented passwords verify", async () => {
    const staff = await queryRows<{ username: string; role: string; office_code: string | null; password_hash: string; jurisdiction: string; region_code: string | null }>(
      h.db,
      sql`select username, role, office_code, password_hash, jurisdiction, region_code from staff_users`,
    );
    for (const office of DEMO_OFFICES) {
      const own = staff.filter((s) => s.office_code === office.code && s.jurisdiction === "office");
      expect(own.map((s) => s.role).sort()).toEqual(["inspector", "supervisor"]);
    }
    // Decision 067: the head of Bishkek's offices sees region BSH, employed at one of its offices.
    expect(staff.filter((s) => s.jurisdiction !== "office").map((s) => [s.username, s.role, s.jurisdiction, s.region_code, s.office_code])).toEqual([
      ["supervisor.bishkek", "supervisor", "region", "BSH", "004"],
    ]);
    expect(staff.filter((s) => s.role === "admin")).toHaveLength(1);
    for (const demo of DEMO_STAFF) {
      const row = staff.find((s) => s.username === demo.username)!;
      expect(row.password_hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
      expect(await verifyPassword(row.password_hash, demo.password)).toBe(true);
    }
    expect(await verifyPassword(staff[0].password_hash, "wrong-Password-1")).toBe(false);
  });

  it("seeding again, even concurrently, adds nothing", async () => {
    const before = await Promise.all(["offices", "staff_users", "taxpayers", "fictitious_evidence", "journal_entries"].map((t) => count(h, t)));
    const again = await Promise.all([seedDemoData(h.db), seedDemoData(h.db)]);
    expect(again).toEqual([{ seeded: false }, { seeded: false }]);
    const after = await Promise.all(["offices", "staff_users", "taxpayers", "fictitious_evidence", "journal_entries"].map((t) => count(h, t)));
    expect(after).toEqual(before);
  });

  it("is the same data set on every install", () => {
    expect(demoRegistry()).toEqual(demoRegistry());
  });
});

describe("demo data on a fresh database, seeded by two processes at once", () => {
  it("seeds exactly once", async () => {
    const fresh = await createTestDb();
    try {
      const results = await Promise.all([seedDemoData(fresh.db), seedDemoData(fresh.db)]);
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      expect(await count(fresh, "offices")).toBe(DEMO_OFFICES.length);
      expect(await count(fresh, "staff_users")).toBe(DEMO_STAFF.length);
    } finally {
      await fresh.close();
    }
  });
});
