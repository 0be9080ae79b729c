import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { acceptApplication, grantAccess, presentApplication, submitApplication } from "../../../workflows/application/service";
import { requiredChecklist } from "../../../workflows/application/checklist";
import { deskView } from "../../../workflows/application/desk-view";
import { approveCorrection, proposeCorrection } from "../../../workflows/corrections";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, validForm } from "../../support/factories";
import type { StaffActor } from "../../../workflows/actor";

/**
 * One subject, several applications (decision 055): the desk lists the others, one grant or restore
 * application at a desk at a time, none presented once access was granted after it was saved —
 * so two grants from two open applications never both happen, however the inspectors race.
 */
let h: DbHandle;
let inspector: StaffActor;
let colleague: StaffActor;
const t0 = new Date("2025-03-03T04:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "002");
  inspector = await createStaff(h.db, "inspector", "002");
  colleague = await createStaff(h.db, "inspector", "002");
});
afterAll(() => h.close());

async function subject() {
  return createTaxpayer(h.db, "002");
}

const checklist = requiredChecklist({ subjectType: "individual" });

async function toGrant(who: StaffActor, id: string, start: number) {
  await presentApplication(h.db, who, id, at(start));
  await acceptApplication(h.db, who, id, checklist, at(start + 1));
  return grantAccess(h.db, who, id, at(start + 2));
}

async function grantsOf(inn: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(
    h.db,
    sql`select count(*)::int as n from decisions d join applications a on a.id = d.application_id where a.inn = ${inn} and d.outcome = 'granted'`,
  );
  return Number(n);
}

describe("several applications for one INN", () => {
  it("the desk lists the subject's other open applications, with links", async () => {
    const inn = await subject();
    const a = await submitApplication(h.db, validForm(inn), at(0));
    const b = await submitApplication(h.db, validForm(inn, { requestKind: "restore" }), at(1));
    const view = await deskView(h.db, inspector, a.id, at(2));
    expect(view && !view.forbidden && view.siblings.map((s) => [s.code, s.kind, s.status])).toEqual([[b.code, "restore", "draft"]]);
  });

  it("two presentations at the same moment: one goes to the desk, the other is told which one is there", async () => {
    const inn = await subject();
    const a = await submitApplication(h.db, validForm(inn), at(0));
    const b = await submitApplication(h.db, validForm(inn), at(1));
    const results = await Promise.allSettled([presentApplication(h.db, inspector, a.id, at(5)), presentApplication(h.db, colleague, b.id, at(5))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "conflict", messageKey: "application.other_at_desk" });
    const other = results[0].status === "fulfilled" ? a : b;
    expect(refused.reason.details).toMatchObject({ id: other.id, code: other.code });

    // The page says the same, from the machine's guard: no "present" step, and why.
    const waiting = results[0].status === "fulfilled" ? b : a;
    const view = await deskView(h.db, inspector, waiting.id, at(6));
    expect(view && !view.forbidden && view.steps).not.toContain("present");
    expect(view && !view.forbidden && view.presentBlocked).toMatchObject({ key: "application.other_at_desk" });
  });

  it("two grants from two open applications never both happen, whoever races whom", async () => {
    for (let round = 0; round < 3; round++) {
      const inn = await subject();
      const a = await submitApplication(h.db, validForm(inn), at(0));
      const b = await submitApplication(h.db, validForm(inn), at(1));
      const results = await Promise.allSettled([toGrant(inspector, a.id, 10), toGrant(colleague, b.id, 10)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await grantsOf(inn)).toBe(1);

      // After the grant, the other application cannot reach a desk: its password is older than the access.
      const loser = results[0].status === "fulfilled" ? b : a;
      await expect(toGrant(colleague, loser.id, 30)).rejects.toMatchObject({ code: "conflict", messageKey: "application.granted_since" });
      expect(await grantsOf(inn)).toBe(1);
    }
  });

  it("an application saved after the grant (a restore) is presented as before", async () => {
    const inn = await subject();
    const a = await submitApplication(h.db, validForm(inn), at(0));
    await toGrant(inspector, a.id, 1);
    const restore = await submitApplication(h.db, validForm(inn, { requestKind: "restore" }), at(10));
    await expect(toGrant(inspector, restore.id, 11)).resolves.toMatchObject({ login: expect.stringMatching(/^kb-/) });
    expect(await grantsOf(inn)).toBe(2);
  });

  it("a grant revoked since does not hold back an application saved before it (decision 063)", async () => {
    const sup = await createStaff(h.db, "supervisor", "002");
    const sup2 = await createStaff(h.db, "supervisor", "002");
    const inn = await subject();
    const earlier = await submitApplication(h.db, validForm(inn), at(0));
    const mistaken = await submitApplication(h.db, validForm(inn), at(1));
    const { decisionId } = await toGrant(inspector, mistaken.id, 2);
    await expect(presentApplication(h.db, inspector, earlier.id, at(10))).rejects.toMatchObject({ messageKey: "application.granted_since" });
    const { correctionId } = await proposeCorrection(h.db, sup, "revoke_decision", decisionId, { reason: "ошибка реестра", document: null }, at(20));
    await approveCorrection(h.db, sup2, correctionId, at(21));
    // The revoked grant no longer stands: the earlier application goes to the desk and is granted.
    await expect(toGrant(inspector, earlier.id, 30)).resolves.toMatchObject({ login: expect.stringMatching(/^kb-/) });
  });
});
