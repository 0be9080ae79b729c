import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { accessAccounts } from "../../../db/schema";
import { verifyCredentials } from "../../../workflows";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";

let h: DbHandle;
let login: string;
let inn: string;
const T0 = new Date("2025-03-07T04:00:00Z");

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  const insp = await createStaff(h.db, "inspector", "001");
  inn = await createTaxpayer(h.db, "001");
  ({ login } = await grantedSubject(h.db, insp, inn, T0));
});
afterAll(() => h.close());

async function median(f: () => Promise<unknown>, n = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

describe("credential check for the Taxpayer Cabinet", () => {
  it("answers valid and active for the right password, in any case and spacing of the login", async () => {
    expect(await verifyCredentials(h.db, { login: ` ${login.toUpperCase()} `, password: PASSWORD }, T0)).toEqual({ valid: true, active: true });
    expect(await verifyCredentials(h.db, { login, password: PASSWORD.toLowerCase() }, T0)).toEqual({ valid: false, active: false });
    expect(await verifyCredentials(h.db, { login: inn, password: PASSWORD }, T0)).toEqual({ valid: false, active: false });
  });

  it("an unknown login takes as long as a known one (a dummy Argon2id verification)", async () => {
    await verifyCredentials(h.db, { login: "kb-unknown0", password: "x" }, T0); // the dummy hash is made once
    // Interleaved, so that a busy machine slows both alike; medians of 15 each.
    const unknownTimes: number[] = [];
    const knownTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      unknownTimes.push(await median(() => verifyCredentials(h.db, { login: "kb-nobody22", password: PASSWORD }, T0), 1));
      knownTimes.push(await median(() => verifyCredentials(h.db, { login, password: "Wrong#2025" }, T0), 1));
    }
    const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const unknown = mid(unknownTimes);
    const known = mid(knownTimes);
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });

  it("after an online refusal's end instant the account is valid but inactive", async () => {
    await h.db.update(accessAccounts).set({ accessEndsAt: new Date(T0.getTime() + 3_600_000) }).where(eq(accessAccounts.inn, inn));
    expect(await verifyCredentials(h.db, { login, password: PASSWORD }, new Date(T0.getTime() + 3_599_999))).toEqual({ valid: true, active: true });
    expect(await verifyCredentials(h.db, { login, password: PASSWORD }, new Date(T0.getTime() + 3_600_000))).toEqual({ valid: true, active: false });
    await h.db.update(accessAccounts).set({ accessEndsAt: null }).where(eq(accessAccounts.inn, inn));
  });
});
