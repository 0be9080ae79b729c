import { sql } from "drizzle-orm";
import { hashPassword } from "../../workflows/auth/argon";
import { parseTotpKey } from "../../workflows/auth/two-factor";
import { appendJournal } from "../../workflows/journal";
import { queryRows, type Db, type DbOrTx } from "../client";
import { fictitiousEvidence, offices, regions, staffSecondFactors, staffUsers, taxpayers } from "../schema";
import { DEMO_OFFICES, DEMO_REGIONS, DEMO_STAFF, DEMO_TOTP_KEY, demoRegistry } from "./demo-data";

export interface SeedResult {
  seeded: boolean;
  offices?: number;
  staff?: number;
  secondFactors?: number;
  taxpayers?: number;
  evidence?: number;
}

/** Whether anyone has started to fill the database: a tax office or a staff account. */
async function filled(db: DbOrTx): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`select (select count(*)::int from ${offices}) + (select count(*)::int from ${staffUsers}) as n`);
  return Number(row.n) > 0;
}

/**
 * Fills an empty database with the demo data set, in one transaction. "Empty" means no tax office
 * and no staff account yet: a database an administrator has started to fill (`npm run
 * admin:create` included) is never touched. Whether to seed at all is the caller's: the app seeds
 * only where asked (DEMO_DATA, app/utils/db.server.ts). Several app processes may start at once on
 * one server: an advisory lock makes the second wait and then find the data.
 */
export async function seedDemoData(db: Db): Promise<SeedResult> {
  if (await filled(db)) return { seeded: false };
  // Hashing is the slow part (Argon2id); do it before taking the lock. Each account its own salt.
  const staff = await Promise.all(
    DEMO_STAFF.map(async ({ password, ...s }) => ({ ...s, passwordHash: await hashPassword(password) })),
  );
  const registry = demoRegistry();

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cabinet-access:demo-seed'))`);
    if (await filled(tx)) return { seeded: false };

    await tx.insert(regions).values(DEMO_REGIONS.map(({ code, name }) => ({ code, name })));
    const regionOf = (code: string) => DEMO_REGIONS.find((r) => (r.offices as readonly string[]).includes(code))?.code ?? null;
    await tx.insert(offices).values(DEMO_OFFICES.map((o) => ({ ...o, timeZone: "Asia/Bishkek", regionCode: regionOf(o.code) })));
    const users = await tx
      .insert(staffUsers)
      .values(staff)
      .returning({ id: staffUsers.id, role: staffUsers.role, officeCode: staffUsers.officeCode, jurisdiction: staffUsers.jurisdiction });
    // Supervisors and the administrator must have a second factor (decision 065): the demo ones
    // have the public demo key, so that they sign in at once, in a browser and in the tests.
    const enrolled = users.filter((u) => u.role !== "inspector");
    const totpKey = Buffer.from(parseTotpKey(DEMO_TOTP_KEY));
    await tx.insert(staffSecondFactors).values(enrolled.map((u) => ({ userId: u.id, totpKey })));
    await tx.insert(taxpayers).values(registry.taxpayers);
    // Evidence is recorded by the supervisor of the subject's office.
    const officeOf = new Map(registry.taxpayers.map((t) => [t.inn, t.officeCode]));
    const supervisorOf = new Map(users.filter((u) => u.role === "supervisor" && u.jurisdiction === "office").map((u) => [u.officeCode, u.id]));
    await tx.insert(fictitiousEvidence).values(
      registry.evidence.map((e) => ({ ...e, recordedBy: supervisorOf.get(officeOf.get(e.inn) ?? null) ?? null })),
    );
    const counts = {
      offices: DEMO_OFFICES.length,
      staff: staff.length,
      secondFactors: enrolled.length,
      taxpayers: registry.taxpayers.length,
      evidence: registry.evidence.length,
    };
    await appendJournal(tx, { actor: { type: "system" }, officeCode: null, action: "demo.seeded", after: counts });
    return { seeded: true, ...counts };
  });
}
