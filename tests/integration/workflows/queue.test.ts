import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import type { StaffActor } from "../../../workflows/actor";
import { officeQueue, presentApplication, submitApplication } from "../../../workflows";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer, grantedSubject, validForm } from "../../support/factories";

// The front desk's board (R6, R20) as one read: its order, its pages and count, and the annulment
// entries beside it, whatever the page asked for.
let h: DbHandle;
let insp: StaffActor;
let other: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const presented: string[] = []; // in the order their clocks run out
const entries: string[] = [];

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  await createOffice(h.db, "002");
  insp = await createStaff(h.db, "inspector", "001");
  other = await createStaff(h.db, "inspector", "002");
  // Presented out of order of submission: the board orders by the decision's clock, not by age.
  for (const at of [7, 3, 5, 1, 9]) {
    const { id } = await submitApplication(h.db, validForm(await createTaxpayer(h.db, "001")), min(at - 1));
    await presentApplication(h.db, insp, id, min(at));
    presented[[1, 3, 5, 7, 9].indexOf(at)] = id;
  }
  // Another office's application is on its own board only.
  const { id: elsewhere } = await submitApplication(h.db, validForm(await createTaxpayer(h.db, "002")), min(0));
  await presentApplication(h.db, other, elsewhere, min(2));
  // Two accepted annulment applications wait to be entered, the one accepted a week later last.
  for (const at of [30 + 7 * 24 * 60, 30]) {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, min(at - 20));
    const a = await acceptedApplication(h.db, insp, inn, min(at), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    entries[at === 30 ? 0 : 1] = a.id;
  }
});
afterAll(() => h.close());

describe("the office's queue", () => {
  it("lists the open applications nearest deadline first, with their count, and the entries waiting", async () => {
    const q = await officeQueue(h.db, "001", min(10), { pageSize: 10 });
    expect(q.decisions.map((d) => d.id)).toEqual(presented);
    expect(q.total).toBe(5);
    expect(q.annulmentEntries.map((e) => e.id)).toEqual(entries);
    expect(q.decisions[0]).toMatchObject({ status: "presented", requestKind: "grant", deadline: "ok", code: expect.stringMatching(/-/) });
    expect(q.annulmentEntries[0]).toMatchObject({ status: "accepted", requestKind: "annul", entryWarnAt: expect.any(Date) });
  });

  it("pages the open applications and keeps their count and the entries on every page", async () => {
    const second = await officeQueue(h.db, "001", min(10), { page: 2, pageSize: 2 });
    expect(second.decisions.map((d) => d.id)).toEqual(presented.slice(2, 4));
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.annulmentEntries.map((e) => e.id)).toEqual(entries);
    const last = await officeQueue(h.db, "001", min(10), { page: 3, pageSize: 2 });
    expect(last.decisions.map((d) => d.id)).toEqual(presented.slice(4));
  });

  it("a page past the last still tells how many there are, so the pager can lead back", async () => {
    const beyond = await officeQueue(h.db, "001", min(10), { page: 9, pageSize: 2 });
    expect(beyond.decisions).toEqual([]);
    expect(beyond.total).toBe(5);
    expect(beyond.annulmentEntries.map((e) => e.id)).toEqual(entries);
  });

  it("an office with nothing open has an empty board and a count of nought", async () => {
    await createOffice(h.db, "003");
    expect(await officeQueue(h.db, "003", min(10))).toMatchObject({ decisions: [], total: 0, annulmentEntries: [] });
    const board = await officeQueue(h.db, "002", min(10));
    expect(board.decisions).toHaveLength(1);
    expect(board).toMatchObject({ total: 1, annulmentEntries: [] });
  });
});
