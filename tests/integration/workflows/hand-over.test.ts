import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { handOverMachine, recordHandOver, waitingHandOvers } from "../../../workflows/handover";
import { approveCorrection, proposeCorrection } from "../../../workflows/corrections";
import { deskView } from "../../../workflows/application/desk-view";
import { HAND_OVER_STATES } from "../../../db/schema";
import { configureLifecycle, lifecycleConfig } from "../../../workflows/lifecycle/config";
import { publicStatus } from "../../../workflows/subject/status";
import { verifyJournal } from "../../../workflows/journal";
import type { StaffActor } from "../../../workflows/actor";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject } from "../../support/factories";

/** R11: the decision is handed to the subject against signature, recorded by the inspector (decision 056). */
let h: DbHandle;
let inspector: StaffActor;
let otherOffice: StaffActor;
const T0 = new Date("2025-03-04T03:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "002");
  await createOffice(h.db, "003");
  inspector = await createStaff(h.db, "inspector", "002", "Инспектор Вручающий");
  otherOffice = await createStaff(h.db, "inspector", "003");
});
afterAll(() => h.close());

async function decided() {
  const inn = await createTaxpayer(h.db, "002");
  return { inn, ...(await grantedSubject(h.db, inspector, inn, T0)) };
}

async function handOverOf(applicationId: string) {
  const [row] = await queryRows<{ hand_over: string; hand_over_by: string | null }>(h.db, sql`select hand_over, hand_over_by from decisions where application_id = ${applicationId}`);
  return row;
}

describe("hand-over of the decision (R11)", () => {
  it("the database keeps exactly the machine's states", () => {
    expect([...HAND_OVER_STATES].sort()).toEqual(Object.keys(handOverMachine.states).sort());
  });

  it("a new decision waits; handed over against signature, journaled, shown on /status; then nothing more", async () => {
    const app = await decided();
    expect((await handOverOf(app.id)).hand_over).toBe("awaiting");
    await recordHandOver(h.db, inspector, app.id, "hand_over", later(5));
    expect(await handOverOf(app.id)).toEqual({ hand_over: "handed_over", hand_over_by: inspector.id });
    const [entry] = await queryRows<{ action: string; office_code: string; subject_inn: string }>(
      h.db,
      sql`select action, office_code, subject_inn from journal_entries where action like 'decision.%' and subject_inn = ${app.inn}`,
    );
    expect(entry).toEqual({ action: "decision.handed_over", office_code: "002", subject_inn: app.inn });
    const status = await publicStatus(h.db, app.inn, app.code, new Date());
    expect(status?.decision).toMatchObject({ handOver: "handed_over", handOverAt: later(5) });
    await expect(recordHandOver(h.db, inspector, app.id, "hand_over", later(6))).rejects.toMatchObject({ code: "conflict", messageKey: "handover.not_allowed" });
    await expect(recordHandOver(h.db, inspector, app.id, "not_collected", later(6))).rejects.toMatchObject({ code: "conflict" });
    expect((await verifyJournal(h.db)).ok).toBe(true);
  });

  it("the subject did not come, then came: both recorded", async () => {
    const app = await decided();
    await recordHandOver(h.db, inspector, app.id, "not_collected", later(90));
    expect((await handOverOf(app.id)).hand_over).toBe("not_collected");
    await recordHandOver(h.db, inspector, app.id, "hand_over", later(60 * 24));
    expect((await handOverOf(app.id)).hand_over).toBe("handed_over");
  });

  it("only staff of the decision's office record it (R13), and nothing changes when refused", async () => {
    const app = await decided();
    await expect(recordHandOver(h.db, otherOffice, app.id, "hand_over", later(5))).rejects.toMatchObject({ code: "forbidden" });
    const supervisorless = { type: "staff", id: inspector.id, role: "admin", officeCode: null, fullName: "x" } as const;
    await expect(recordHandOver(h.db, supervisorless, app.id, "hand_over", later(5))).rejects.toMatchObject({ code: "forbidden" });
    expect((await handOverOf(app.id)).hand_over).toBe("awaiting");
  });

  it("the board lists the office's decisions still waiting past the configured time, and no others", async () => {
    const saved = lifecycleConfig.handOverDueMinutes;
    configureLifecycle({ handOverDueMinutes: 30 });
    try {
      const waiting = await decided();
      const handed = await decided();
      await recordHandOver(h.db, inspector, handed.id, "hand_over", later(10));
      // The grant is made 3 minutes after T0 (grantedSubject).
      const before = await waitingHandOvers(h.db, "002", later(3 + 29));
      expect(before.items.map((i) => i.applicationId)).not.toContain(waiting.id);
      const after = await waitingHandOvers(h.db, "002", later(3 + 31));
      expect(after.items.map((i) => i.applicationId)).toContain(waiting.id);
      expect(after.items.map((i) => i.applicationId)).not.toContain(handed.id);
      expect(after.total).toBe(after.items.length);
      expect((await waitingHandOvers(h.db, "003", later(3 + 31))).total).toBe(0);
    } finally {
      configureLifecycle({ handOverDueMinutes: saved });
    }
  });

  it("a revoked decision is no longer handed over, offered at the desk, nor listed on the board (decision 063)", async () => {
    const sup = await createStaff(h.db, "supervisor", "002");
    const sup2 = await createStaff(h.db, "supervisor", "002");
    const revoked = await decided();
    const { correctionId } = await proposeCorrection(h.db, sup, "revoke_decision", revoked.decisionId, { reason: "не тот субъект", document: null }, later(5));
    await approveCorrection(h.db, sup2, correctionId, later(6));
    await expect(recordHandOver(h.db, inspector, revoked.id, "hand_over", later(7))).rejects.toMatchObject({ code: "conflict", messageKey: "handover.revoked" });
    expect(await handOverOf(revoked.id)).toMatchObject({ hand_over: "awaiting", hand_over_by: null });
    const view = await deskView(h.db, inspector, revoked.id, later(7));
    expect(view && !view.forbidden ? view.handOverSteps : null).toEqual([]);
    // The desk says the decision no longer stands, as /verify and /status do (decision 061).
    expect(view && !view.forbidden ? view.standing : null).toMatchObject({ inForce: false, by: { kind: "revocation" } });
    const board = await waitingHandOvers(h.db, "002", later(24 * 60));
    expect(board.items.map((i) => i.applicationId)).not.toContain(revoked.id);
  });
});
