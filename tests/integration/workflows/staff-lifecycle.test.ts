import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { journalEntries, sessions, staffUsers } from "../../../db/schema";
import { acceptApplication, grantAccess, presentApplication, requiredChecklist, submitApplication, type StaffActor } from "../../../workflows";
import { createRegion, deleteRegion, listRegions, renameRegion, setOfficeRegion } from "../../../workflows/admin/regions";
import { moveStaff, resetStaffPassword, setStaffDisabled, setStaffJurisdiction } from "../../../workflows/auth/staff";
import { pendingApprovals } from "../../../workflows/annulment/queries";
import { proposeFictitiousAnnulment } from "../../../workflows/annulment/service";
import { pendingCorrections, proposeCorrection } from "../../../workflows/corrections";
import { listJournal, statistics, statisticsSeenBy } from "../../../workflows/subject";
import { jurisdictionOf, officeInScope } from "../../../workflows/subject/jurisdiction";
import { officesOverview } from "../../../workflows/subject/oversight";
import { createSession, generateSessionToken, validateSessionToken } from "~/utils/session.server";
import { createEvidence, createOffice, createStaff, createTaxpayer, grantedSubject, validForm } from "../../support/factories";
import { createTestDb } from "../../support/db";

let h: DbHandle;
let admin: StaffActor;
const now = new Date("2026-03-10T05:00:00Z");
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

beforeAll(async () => {
  h = await createTestDb();
  for (const code of ["041", "042", "043"]) await createOffice(h.db, code);
  admin = await createStaff(h.db, "admin", null);
});
afterAll(() => h.close());

async function officeOf(id: string) {
  const [row] = await h.db.select({ officeCode: staffUsers.officeCode }).from(staffUsers).where(eq(staffUsers.id, id));
  return row.officeCode;
}

describe("moving an inspector (decision 068)", () => {
  it("keeps their earlier acts attributed to the earlier office, and leaves their open work with it", async () => {
    const mover = await createStaff(h.db, "inspector", "041");
    const colleague = await createStaff(h.db, "inspector", "041");
    const inn = await createTaxpayer(h.db, "041");
    const saved = await submitApplication(h.db, validForm(inn), now);
    await presentApplication(h.db, mover, saved.id, later(1));

    await moveStaff(h.db, admin, mover.id, "042");
    expect(await officeOf(mover.id)).toBe("042");

    // Earlier acts: still the earlier office, in the journal and on the audit page's list.
    const acts = await listJournal(h.db, { actorId: mover.id });
    expect(acts.entries.map((e) => [e.action, e.officeCode])).toEqual([["application.presented", "041"]]);
    const [move] = (await listJournal(h.db, { entity: { type: "staff", id: mover.id } })).entries;
    expect(move).toMatchObject({ action: "staff.moved", officeCode: null, before: { officeCode: "041" }, after: { officeCode: "042" } });

    // The moved inspector now acts for 042: the 041 application is not theirs any more (R13)…
    const moved: StaffActor = { ...mover, officeCode: "042" };
    await expect(acceptApplication(h.db, moved, saved.id, requiredChecklist({ subjectType: "individual" }), later(2))).rejects.toMatchObject({ code: "forbidden" });
    // …and their colleague in 041 carries it on to a decision.
    await acceptApplication(h.db, colleague, saved.id, requiredChecklist({ subjectType: "individual" }), later(3));
    const { decisionId } = await grantAccess(h.db, colleague, saved.id, later(4));
    const [decision] = await queryRows<{ office_code: string; decided_by: string }>(h.db, sql`select office_code, decided_by from decisions where id = ${decisionId}`);
    expect(decision).toEqual({ office_code: "041", decided_by: colleague.id });
  });

  it("refuses an unknown office, the same office and an administrator, changing nothing", async () => {
    const person = await createStaff(h.db, "inspector", "041");
    await expect(moveStaff(h.db, admin, person.id, "999")).rejects.toMatchObject({ code: "validation", messageKey: "staff.office_unknown" });
    await expect(moveStaff(h.db, admin, person.id, "041")).rejects.toMatchObject({ code: "validation", messageKey: "staff.same_office" });
    await expect(moveStaff(h.db, admin, admin.id, "041")).rejects.toMatchObject({ code: "validation" });
    await expect(moveStaff(h.db, person, person.id, "042")).rejects.toMatchObject({ code: "forbidden" });
    expect(await officeOf(person.id)).toBe("041");
    expect((await listJournal(h.db, { entity: { type: "staff", id: person.id } })).entries).toEqual([]);
  });
});

describe("disabling a staff member (decision 068)", () => {
  async function signedIn(userId: string) {
    const token = generateSessionToken();
    await createSession(h.db, token, userId, new Date());
    return token;
  }

  it("needs a reason, ends every session in the same transaction and journals the reason", async () => {
    const person = await createStaff(h.db, "inspector", "041");
    const tokens = [await signedIn(person.id), await signedIn(person.id)];
    expect(await validateSessionToken(h.db, tokens[0])).not.toBeNull();

    await expect(setStaffDisabled(h.db, admin, person.id, true, " ")).rejects.toMatchObject({ code: "validation", messageKey: "staff.reason_required" });
    expect(await validateSessionToken(h.db, tokens[0])).not.toBeNull();

    const { sessionsEnded } = await setStaffDisabled(h.db, admin, person.id, true, "Уволен приказом № 12-к");
    expect(sessionsEnded).toBe(2);
    for (const token of tokens) expect(await validateSessionToken(h.db, token)).toBeNull();
    const [entry] = await h.db.select().from(journalEntries).where(eq(journalEntries.entityId, person.id));
    expect(entry).toMatchObject({ action: "staff.disabled", after: { disabled: true, reason: "Уволен приказом № 12-к", sessionsEnded: 2 } });
    const [row] = await h.db.select({ disabled: staffUsers.disabled, reason: staffUsers.disabledReason }).from(staffUsers).where(eq(staffUsers.id, person.id));
    expect(row).toEqual({ disabled: true, reason: "Уволен приказом № 12-к" });

    // Disabling twice is refused; re-enabling works and keeps the last reason on record.
    await expect(setStaffDisabled(h.db, admin, person.id, true, "again")).rejects.toMatchObject({ code: "conflict" });
    await setStaffDisabled(h.db, admin, person.id, false);
    expect((await h.db.select({ disabled: staffUsers.disabled }).from(staffUsers).where(eq(staffUsers.id, person.id)))[0].disabled).toBe(false);
  });

  it("a failed journal write leaves the account enabled and the sessions alive", async () => {
    const person = await createStaff(h.db, "inspector", "041");
    const token = await signedIn(person.id);
    // A chain head that cannot be locked: the global chain's row is gone for the length of the test.
    await h.db.execute(sql`alter table journal_chains rename to journal_chains_away`);
    try {
      await expect(setStaffDisabled(h.db, admin, person.id, true, "reason")).rejects.toBeTruthy();
    } finally {
      await h.db.execute(sql`alter table journal_chains_away rename to journal_chains`);
    }
    expect(await validateSessionToken(h.db, token)).not.toBeNull();
    expect((await h.db.select({ disabled: staffUsers.disabled }).from(staffUsers).where(eq(staffUsers.id, person.id)))[0].disabled).toBe(false);
  });

  it("an administrator's new password ends the person's sessions with it", async () => {
    const person = await createStaff(h.db, "inspector", "041");
    const token = await signedIn(person.id);
    await resetStaffPassword(h.db, admin, person.id, "Новый-пароль-2026");
    expect(await validateSessionToken(h.db, token)).toBeNull();
    expect(await h.db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
  });
});

describe("jurisdictions (decision 067)", () => {
  let regional: StaffActor;
  beforeAll(async () => {
    await createRegion(h.db, admin, { code: "R1", name: "Region one" });
    await setOfficeRegion(h.db, admin, "041", "R1");
    await setOfficeRegion(h.db, admin, "042", "R1");
    regional = await createStaff(h.db, "supervisor", "041", "Regional Head");
  });

  it("a supervisor sees their office; a regional one the region's; a national one all", async () => {
    const codes = async (a: StaffActor) => (await jurisdictionOf(h.db, a)).offices.map((o) => o.code);
    expect(await codes(regional)).toEqual(["041"]);
    await setStaffJurisdiction(h.db, admin, regional.id, { jurisdiction: "region", regionCode: "R1" });
    expect(await codes(regional)).toEqual(["041", "042"]);
    const scope = await jurisdictionOf(h.db, regional);
    expect(officeInScope(scope, "042").code).toBe("042");
    expect(() => officeInScope(scope, "043")).toThrow(expect.objectContaining({ code: "forbidden" }));
    const national = await createStaff(h.db, "supervisor", "043");
    await setStaffJurisdiction(h.db, admin, national.id, { jurisdiction: "country", regionCode: null });
    expect(await codes(national)).toEqual(["043", "041", "042"]);
  });

  it("only supervisors see beyond their office, and a region must exist", async () => {
    const inspector = await createStaff(h.db, "inspector", "041");
    await expect(setStaffJurisdiction(h.db, admin, inspector.id, { jurisdiction: "region", regionCode: "R1" })).rejects.toMatchObject({ code: "validation" });
    await expect(setStaffJurisdiction(h.db, admin, regional.id, { jurisdiction: "region", regionCode: "NOPE" })).rejects.toMatchObject({ messageKey: "region.unknown" });
    await expect(createRegion(h.db, admin, { code: "R1", name: "Again" })).rejects.toMatchObject({ messageKey: "region.code_taken" });
    await expect(createRegion(h.db, regional, { code: "R9", name: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the reads that show other offices check the reader's jurisdiction themselves (decision 074)", async () => {
    await setStaffJurisdiction(h.db, admin, regional.id, { jurisdiction: "region", regionCode: "R1" });
    const ownOffice = await createStaff(h.db, "supervisor", "043");
    const inspector = await createStaff(h.db, "inspector", "041");
    const period = { from: "2026-03-01", to: "2026-03-10" };
    // An office out of sight is refused, whoever named it; one in sight is read.
    for (const [actor, office] of [[ownOffice, "041"], [inspector, "042"], [regional, "043"]] as const) {
      await expect(pendingApprovals(h.db, actor, now, office)).rejects.toMatchObject({ code: "forbidden" });
      await expect(pendingCorrections(h.db, actor, now, office)).rejects.toMatchObject({ code: "forbidden" });
    }
    // In sight: office 042's own proposal and correction, shown without steps (acting stays at 041).
    const inspector042 = await createStaff(h.db, "inspector", "042");
    const supervisor042 = await createStaff(h.db, "supervisor", "042");
    const proposedInn = await createTaxpayer(h.db, "042");
    await grantedSubject(h.db, inspector042, proposedInn, now);
    const evidenceId = await createEvidence(h.db, supervisor042, proposedInn, now);
    const { annulmentId } = await proposeFictitiousAnnulment(h.db, inspector042, proposedInn, evidenceId, later(5));
    const revoked = await grantedSubject(h.db, inspector042, await createTaxpayer(h.db, "042"), now);
    const { correctionId } = await proposeCorrection(h.db, supervisor042, "revoke_decision", revoked.decisionId, { reason: "Registry error", document: null }, later(5));
    expect((await pendingApprovals(h.db, regional, later(6), "042")).map((p) => [p.annulmentId, p.steps])).toEqual([[annulmentId, []]]);
    expect((await pendingCorrections(h.db, regional, later(6), "042")).map((c) => [c.id, c.steps])).toEqual([[correctionId, []]]);
    // Their own office's board does not show them.
    expect(await pendingApprovals(h.db, regional, later(6))).toEqual([]);
    expect(await pendingCorrections(h.db, regional, later(6))).toEqual([]);
    // The offices of the overview and of the statistics come from the jurisdiction, not the caller.
    expect((await officesOverview(h.db, regional, now)).map((o) => o.officeCode)).toEqual(["041", "042"]);
    expect((await officesOverview(h.db, ownOffice, now)).map((o) => o.officeCode)).toEqual(["043"]);
    expect((await statisticsSeenBy(h.db, regional, null, period)).officeCodes).toEqual(["041", "042"]);
    expect((await statisticsSeenBy(h.db, regional, "042", period)).officeCodes).toEqual(["042"]);
    await expect(statisticsSeenBy(h.db, ownOffice, "041", period)).rejects.toMatchObject({ code: "forbidden" });
    // Boards and statistics are a supervisor's: an inspector reads neither, even of their own office.
    await expect(officesOverview(h.db, inspector, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(statisticsSeenBy(h.db, inspector, null, period)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("statistics over a region: the offices' figures add up, per office and per inspector", async () => {
    const inspectors = { "041": await createStaff(h.db, "inspector", "041", "Асанова А."), "042": await createStaff(h.db, "inspector", "042", "Бекова Б.") };
    const day = new Date("2026-04-02T04:00:00Z");
    for (const [office, n] of [["041", 2], ["042", 3]] as const) {
      for (let i = 0; i < n; i++) {
        const inn = await createTaxpayer(h.db, office);
        const saved = await submitApplication(h.db, validForm(inn), day);
        await presentApplication(h.db, inspectors[office], saved.id, day);
        await acceptApplication(h.db, inspectors[office], saved.id, requiredChecklist({ subjectType: "individual" }), day);
        await grantAccess(h.db, inspectors[office], saved.id, new Date(day.getTime() + 5 * 60_000));
      }
    }
    const period = { from: "2026-04-02", to: "2026-04-02" };
    const both = await statistics(h.db, [{ code: "041", timeZone: "Asia/Bishkek" }, { code: "042", timeZone: "Asia/Bishkek" }], period);
    expect(both.totals).toMatchObject({ decided: 5, onTime: 5, granted: 5 });
    expect(both.days).toEqual([expect.objectContaining({ day: "2026-04-02", decided: 5 })]);
    expect(both.byOffice.map((o) => [o.officeCode, o.decided])).toEqual([["041", 2], ["042", 3]]);
    expect(both.byInspector.map((i) => [i.officeCode, i.inspectorName, i.decided])).toEqual([["041", "Асанова А.", 2], ["042", "Бекова Б.", 3]]);
    // One office of the two: its own figures, the same as the office's own page.
    const one = await statistics(h.db, [{ code: "042", timeZone: "Asia/Bishkek" }], period);
    expect(one.totals.decided).toBe(3);
    expect(one.byInspector).toHaveLength(1);
  });
});

describe("renaming and deleting a region", () => {
  const journalOf = async (code: string) =>
    (await h.db.select({ action: journalEntries.action, before: journalEntries.before, after: journalEntries.after }).from(journalEntries).where(eq(journalEntries.entityId, code)).orderBy(asc(journalEntries.seq))).filter((e) => e.action.startsWith("region."));

  it("a rename keeps the code, is journaled once, and only an administrator makes it", async () => {
    await createRegion(h.db, admin, { code: "RN", name: "Old name" });
    await renameRegion(h.db, admin, "RN", { name: "New name" });
    await renameRegion(h.db, admin, "RN", { name: "New name" });
    expect((await listRegions(h.db)).find((r) => r.code === "RN")?.name).toBe("New name");
    expect((await journalOf("RN")).map((e) => [e.action, e.before, e.after])).toEqual([
      ["region.created", null, { code: "RN", name: "Old name" }],
      ["region.renamed", { name: "Old name" }, { name: "New name" }],
    ]);
    const supervisor = await createStaff(h.db, "supervisor", "041");
    await expect(renameRegion(h.db, supervisor, "RN", { name: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(renameRegion(h.db, admin, "NOPE", { name: "Whatever" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a region with offices or supervisors is kept, with the reason; an empty one is deleted and journaled", async () => {
    await createRegion(h.db, admin, { code: "RD", name: "To delete" });
    await setOfficeRegion(h.db, admin, "043", "RD");
    const head = await createStaff(h.db, "supervisor", "043");
    await setStaffJurisdiction(h.db, admin, head.id, { jurisdiction: "region", regionCode: "RD" });
    await expect(deleteRegion(h.db, admin, "RD")).rejects.toMatchObject({ code: "conflict", messageKey: "region.has_offices", details: { count: 1 } });
    await setOfficeRegion(h.db, admin, "043", null);
    await expect(deleteRegion(h.db, admin, "RD")).rejects.toMatchObject({ code: "conflict", messageKey: "region.has_supervisors", details: { count: 1 } });
    await setStaffJurisdiction(h.db, admin, head.id, { jurisdiction: "office", regionCode: null });
    await expect(deleteRegion(h.db, head, "RD")).rejects.toMatchObject({ code: "forbidden" });
    expect((await listRegions(h.db)).map((r) => r.code)).toContain("RD");
    await deleteRegion(h.db, admin, "RD");
    expect((await listRegions(h.db)).map((r) => r.code)).not.toContain("RD");
    expect((await journalOf("RD")).map((e) => e.action)).toEqual(["region.created", "region.deleted"]);
    await expect(deleteRegion(h.db, admin, "RD")).rejects.toMatchObject({ code: "not_found" });
    // A deleted region cannot be named again by a placement.
    await expect(setOfficeRegion(h.db, admin, "043", "RD")).rejects.toMatchObject({ messageKey: "region.unknown" });
  });
});

describe("the account's constraints hold in the database too", () => {
  it("an inspector cannot be given a region, nor a regional supervisor lose theirs", async () => {
    const inspector = await createStaff(h.db, "inspector", "041");
    await expect(h.db.execute(sql`update staff_users set jurisdiction = 'region', region_code = 'R1' where id = ${inspector.id}`)).rejects.toBeTruthy();
    const [{ n }] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from staff_users where jurisdiction = 'region' and region_code is null`);
    expect(n).toBe(0);
  });
});
