import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import type { StaffActor } from "../../../workflows/actor";
import { grantAccess, refuseAccess, runChecks } from "../../../workflows";
import { officeStatistics } from "../../../workflows/subject";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createEvidence, createOffice, createStaff, createTaxpayer } from "../../support/factories";

let h: DbHandle;
let insp: StaffActor;
const at = (iso: string) => new Date(iso);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "031");
  await createOffice(h.db, "032");
  insp = await createStaff(h.db, "inspector", "031");
});
afterAll(() => h.close());

/** Saved at `start`, presented a minute later; decided `minutes` after presentation. */
async function decided(start: Date, minutes: number, outcome: "grant" | "refuse_a" | "refuse_b") {
  const inn = await createTaxpayer(h.db, "031", { status: outcome === "refuse_a" ? "deregistered" : "registered" });
  if (outcome === "refuse_b") await createEvidence(h.db, insp, inn, start);
  const app = await acceptedApplication(h.db, insp, inn, start);
  const when = plus(start, 1 + minutes);
  if (outcome === "grant") await grantAccess(h.db, insp, app.id, when);
  else {
    const checks = await runChecks(h.db, insp, app.id);
    await refuseAccess(h.db, insp, app.id, checks.grounds, when);
  }
}

describe("office statistics for a period", () => {
  it("counts per office day in Bishkek time, the share within 20 minutes, outcomes, grounds and the mean time", async () => {
    // 2025-03-10 in Bishkek (UTC+6): 04:00Z is 10:00 local.
    await decided(at("2025-03-10T04:00:00Z"), 10, "grant");
    await decided(at("2025-03-10T05:00:00Z"), 30, "grant");
    await decided(at("2025-03-10T06:00:00Z"), 5, "refuse_a");
    // 18:30Z on the 10th is 00:30 on the 11th in Bishkek.
    await decided(at("2025-03-10T18:30:00Z"), 15, "refuse_b");
    const s = await officeStatistics(h.db, "031", { from: "2025-03-09", to: "2025-03-11" }, "Asia/Bishkek");
    expect(s.days.map((d) => [d.day, d.decided, d.onTime])).toEqual([
      ["2025-03-09", 0, 0],
      ["2025-03-10", 3, 2],
      ["2025-03-11", 1, 1],
    ]);
    const tenth = s.days[1];
    expect(tenth).toMatchObject({ granted: 2, refused: 1 });
    // Decided 10, 30 and 5 minutes after presentation.
    expect(tenth.averageSeconds).toBeCloseTo(((10 + 30 + 5) * 60) / 3, 0);
    expect(s.totals).toMatchObject({ decided: 4, onTime: 3, granted: 2, refused: 2 });
    expect(s.refusalsByGround).toEqual(
      expect.arrayContaining([
        { ground: "no_registration", count: 1 },
        { ground: "fictitious_activity", count: 1 },
      ]),
    );
    // Another office sees none of it; a period outside sees nothing either.
    expect((await officeStatistics(h.db, "032", { from: "2025-03-09", to: "2025-03-11" }, "Asia/Bishkek")).totals.decided).toBe(0);
    expect((await officeStatistics(h.db, "031", { from: "2025-03-12", to: "2025-03-12" }, "Asia/Bishkek")).totals.decided).toBe(0);
  });

  it("refuses a reversed or too long period", async () => {
    await expect(officeStatistics(h.db, "031", { from: "2025-03-11", to: "2025-03-10" }, "Asia/Bishkek")).rejects.toMatchObject({ code: "validation" });
    await expect(officeStatistics(h.db, "031", { from: "2024-01-01", to: "2025-03-10" }, "Asia/Bishkek")).rejects.toMatchObject({ code: "validation" });
  });
});
