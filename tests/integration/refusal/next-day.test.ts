import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { nextOfficeDayStart, refuseElectronicInteraction } from "../../../workflows/account/refusal";
import { verifyCredentials } from "../../../workflows";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";

/**
 * UA seed: access ends "from the day following the day the refusal was sent", in the office's time
 * zone (Asia/Bishkek, UTC+6). Bishkek 23:59 on 7 March is 17:59 UTC.
 */
const bishkek = (day: number, hh: number, mm: number) => new Date(Date.UTC(2025, 2, day, hh - 6, mm));
const originalTz = process.env.TZ;

let h: DbHandle;
let inspector: Awaited<ReturnType<typeof createStaff>>;
beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  inspector = await createStaff(h.db, "inspector", "001");
});
afterAll(() => h.close());
afterEach(() => {
  process.env.TZ = originalTz;
});

for (const processZone of ["UTC", "America/New_York", "Pacific/Kiritimati"]) {
  describe(`next-day rule with the server process in ${processZone}`, () => {
    it("23:59 -> access ends at 00:00 the next day; 00:00 and 00:01 -> at 00:00 the day after", () => {
      process.env.TZ = processZone;
      expect(nextOfficeDayStart(bishkek(7, 23, 59), "Asia/Bishkek")).toEqual(bishkek(8, 0, 0));
      expect(nextOfficeDayStart(bishkek(8, 0, 0), "Asia/Bishkek")).toEqual(bishkek(9, 0, 0));
      expect(nextOfficeDayStart(bishkek(8, 0, 1), "Asia/Bishkek")).toEqual(bishkek(9, 0, 0));
    });

    it("a refusal sent at 23:59 office time: the credential check is active at 23:59:59 and inactive at 00:00", async () => {
      process.env.TZ = processZone;
      const inn = await createTaxpayer(h.db, "001");
      const { login } = await grantedSubject(h.db, inspector, inn, bishkek(7, 10, 0));
      const sent = bishkek(7, 23, 59);
      const result = await refuseElectronicInteraction(h.db, { type: "public" }, { login, password: PASSWORD }, sent);
      expect(result.accessEndsAt).toEqual(bishkek(8, 0, 0));
      expect(await verifyCredentials(h.db, { login, password: PASSWORD }, new Date(bishkek(8, 0, 0).getTime() - 1000))).toEqual({ valid: true, active: true });
      expect(await verifyCredentials(h.db, { login, password: PASSWORD }, bishkek(8, 0, 0))).toEqual({ valid: true, active: false });
    });

    it("a refusal sent at 00:01 office time keeps access for the rest of that day", async () => {
      process.env.TZ = processZone;
      const inn = await createTaxpayer(h.db, "001");
      const { login } = await grantedSubject(h.db, inspector, inn, bishkek(7, 10, 0));
      const result = await refuseElectronicInteraction(h.db, { type: "public" }, { login, password: PASSWORD }, bishkek(8, 0, 1));
      expect(result.accessEndsAt).toEqual(bishkek(9, 0, 0));
      expect((await verifyCredentials(h.db, { login, password: PASSWORD }, bishkek(8, 23, 59))).active).toBe(true);
      expect((await verifyCredentials(h.db, { login, password: PASSWORD }, bishkek(9, 0, 0))).active).toBe(false);
    });
  });
}
