import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { decisions } from "../../../db/schema";
import type { StaffActor } from "../../../workflows/actor";
import { enterAnnulment, grantAccess, refuseAccess } from "../../../workflows";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer, grantedSubject } from "../../support/factories";

const migration = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../../db/migrations/0006_decision_effect.sql"), "utf8");
/** The statements that fill the new column for decisions made before it, and the constraint after them. */
const backfill = migration
  .split("--> statement-breakpoint")
  .map((s) => s.trim())
  .filter((s) => /^(--[^\n]*\n)*UPDATE /.test(s) || s.includes("ADD CONSTRAINT"));

let h: DbHandle;
let insp: StaffActor;
const T0 = new Date("2026-03-10T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  insp = await createStaff(h.db, "inspector", "001");
});
afterAll(() => h.close());

describe("migration 0006: decisions made before it keep what they did (decision 046)", () => {
  it("fills the effect of old grants from their account entries in the journal, leaves refusals without one, then constrains it", async () => {
    expect(backfill).toHaveLength(3);
    const inn = await createTaxpayer(h.db, "001");
    const first = await grantedSubject(h.db, insp, inn, T0);
    const restored = await grantAccess(h.db, insp, (await acceptedApplication(h.db, insp, inn, min(30), { requestKind: "restore" })).id, min(35));
    const annul = await acceptedApplication(h.db, insp, inn, min(60), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    await enterAnnulment(h.db, insp, annul.id, min(65));
    const back = await grantAccess(h.db, insp, (await acceptedApplication(h.db, insp, inn, min(90), { requestKind: "restore" })).id, min(95));
    const neverHad = await grantAccess(h.db, insp, (await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), T0, { requestKind: "restore" })).id, min(5));
    const deregistered = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001", { status: "deregistered" }), T0);
    const refused = await refuseAccess(h.db, insp, deregistered.id, [{ ground: "no_registration" }], min(5));
    // The database as it was before the migration: no effect recorded anywhere.
    await h.db.execute(sql`alter table decisions drop constraint decisions_effect_of_grant`);
    await h.db.execute(sql`update decisions set effect = null`);
    for (const statement of backfill) await h.db.execute(sql.raw(statement));
    const effectOf = async (id: string) => (await h.db.select({ effect: decisions.effect }).from(decisions).where(eq(decisions.id, id)))[0].effect;
    expect(await effectOf(first.decisionId)).toBe("first_grant");
    expect(await effectOf(restored.decisionId)).toBe("restoration");
    expect(await effectOf(back.decisionId)).toBe("reinstatement");
    expect(await effectOf(neverHad.decisionId)).toBe("first_grant");
    expect(await effectOf(refused.decisionId)).toBeNull();
    // The constraint holds from then on: a grant without its effect is refused.
    await expect(h.db.execute(sql`update decisions set effect = null where id = ${first.decisionId}`)).rejects.toThrow();
  });
});
