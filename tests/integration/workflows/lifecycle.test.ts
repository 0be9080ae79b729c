import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { accessAccounts, applications, decisions, journalEntries } from "../../../db/schema";
import type { StaffActor } from "../../../workflows/actor";
import {
  acceptApplication,
  enterAnnulment,
  findApplicationByInnAndCode,
  getApplication,
  grantAccess,
  officeQueue,
  presentApplication,
  refuseAccess,
  returnApplication,
  runChecks,
  submitApplication,
  subjectCard,
  verifyCredentials,
  WorkflowError,
} from "../../../workflows";
import { verifyPassword } from "../../../workflows/credentials/password";
import { createTestDb } from "../../support/db";
import {
  acceptedApplication,
  createEvidence,
  createOffice,
  createStaff,
  createTaxpayer,
  grantedSubject,
  PASSWORD,
  personalInn,
  validForm,
} from "../../support/factories";

let h: DbHandle;
let insp: StaffActor; // office 001
let insp2: StaffActor; // office 001
let other: StaffActor; // office 002
let sup: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z"); // Friday 10:00 in Bishkek
const min = (n: number) => new Date(T0.getTime() + n * 60_000);

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  await createOffice(h.db, "002");
  insp = await createStaff(h.db, "inspector", "001");
  insp2 = await createStaff(h.db, "inspector", "001");
  sup = await createStaff(h.db, "supervisor", "001");
  other = await createStaff(h.db, "inspector", "002");
});
afterAll(() => h.close());

const journalOf = (inn: string) =>
  h.db.select().from(journalEntries).where(eq(journalEntries.subjectInn, inn)).orderBy(journalEntries.id);

async function expectError(p: Promise<unknown>, code: string, messageKey?: string) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e, "expected a WorkflowError").toBeInstanceOf(WorkflowError);
  expect(e.code).toBe(code);
  if (messageKey) expect(e.messageKey).toBe(messageKey);
  return e as WorkflowError;
}

describe("application lifecycle on the database (R3–R17)", () => {
  it("R3: saving the online form stores a draft with a generated code and journals it", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { id, code } = await submitApplication(h.db, validForm(inn), T0);
    const app = await getApplication(h.db, id);
    expect(app).toMatchObject({ status: "draft", inn, requestKind: "grant", holdsPassword: true });
    expect(app!.code.replace(/-/g, "")).toBe(code);
    expect((await journalOf(inn)).map((j) => [j.action, (j.after as { status: string }).status])).toEqual([["application.saved", "draft"]]);
  });

  it("R4: an incomplete or invalid form is refused by the server and nothing is saved", async () => {
    const inn = personalInn();
    const e = await expectError(submitApplication(h.db, validForm(inn, { name: "", password: "weak", passwordConfirm: "weak" }), T0), "validation");
    expect((e.details.issues as { path: string; message: string }[]).map((i) => i.message)).toEqual(
      expect.arrayContaining(["name.required", "password.too_short"]),
    );
    expect(await h.db.select().from(applications).where(eq(applications.inn, inn))).toHaveLength(0);
  });

  it("R5: the stored application holds every typed field the printed form needs, but never the password", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const rep = { name: "Петров П.", idDocument: "AN1234567", poaNumber: "77", poaDate: "2025-01-10", poaCertifiedBy: "notary" as const, poaCertifierName: "Нотариус Иванова" };
    const { id } = await submitApplication(h.db, validForm(inn, { representative: rep }), T0);
    const app = await getApplication(h.db, id);
    expect(app!.form).toMatchObject({ representative: rep, phone: "+996 555 123456", email: "a@example.kg" });
    expect(JSON.stringify(app)).not.toContain(PASSWORD);
    expect(JSON.stringify(app)).not.toContain("$argon2id$");
  });

  it("R6: the front desk finds the application by INN and code whatever the case, spaces or dashes", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { id, code } = await submitApplication(h.db, validForm(inn), T0);
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8)}-${code.slice(8).toLowerCase()}`;
    expect((await findApplicationByInnAndCode(h.db, inn, typed))?.id).toBe(id);
    expect(await findApplicationByInnAndCode(h.db, personalInn(), code)).toBeNull();
    const typo = code.slice(0, 3) + (code[3] === "A" ? "B" : "A") + code.slice(4);
    await expectError(findApplicationByInnAndCode(h.db, inn, typo), "validation", "application.code_mistyped");
  });

  it("R6: acceptance requires every checklist item; a return needs reasons; the same code is presented again", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { id, code } = await submitApplication(h.db, validForm(inn), T0);
    await presentApplication(h.db, insp, id, min(1));
    const e = await expectError(acceptApplication(h.db, insp, id, ["form_complete"], min(2)), "validation", "checklist.incomplete");
    expect(e.details.missing).toEqual(["requisites_match", "signer_identity"]);
    await expectError(returnApplication(h.db, insp, id, ["  "], min(2)), "validation", "return.reasons_required");
    await returnApplication(h.db, insp, id, ["Подпись не совпадает с паспортом"], min(3));
    let app = await getApplication(h.db, id);
    expect(app).toMatchObject({ status: "returned", decisionDueAt: null });
    expect(app!.returns[0].reasons).toEqual(["Подпись не совпадает с паспортом"]);
    // Back the next day with the same code: a new presentation and a new clock.
    const found = await findApplicationByInnAndCode(h.db, inn, code);
    await presentApplication(h.db, insp, found!.id, min(24 * 60));
    app = await getApplication(h.db, id);
    expect(app!.status).toBe("presented");
    expect(app!.decisionDueAt!.getTime() - min(24 * 60).getTime()).toBe(20 * 60_000);
  });

  it("R7: the acceptance mark carries an incoming number per office and year, the time and the inspector", async () => {
    const a = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), T0);
    const b = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), T0);
    const [, , year, na] = a.incomingNumber.split("-");
    const nb = b.incomingNumber.split("-")[3];
    expect(year).toBe("2025");
    expect(Number(nb)).toBe(Number(na) + 1);
    const app = await getApplication(h.db, a.id);
    expect(app).toMatchObject({ status: "accepted", acceptedBy: insp.id, incomingNumber: a.incomingNumber });
    expect(app!.acceptedAt!.toISOString()).toBe(min(2).toISOString());
    // 31 Dec 19:00Z is already 1 January in Bishkek: the numbering restarts for the new year.
    const c = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), new Date("2025-12-31T18:30:00Z"));
    expect(c.incomingNumber).toBe("001-IN-2026-000001");
  });

  it("R8: after processing, one decision per application; a second decision is refused and changes nothing", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    await expectError(grantAccess(h.db, insp, g.id, min(10)), "conflict");
    await expectError(refuseAccess(h.db, insp, g.id, [{ ground: "no_registration" }], min(10)), "conflict");
    expect(await h.db.select().from(decisions).where(eq(decisions.applicationId, g.id))).toHaveLength(1);
  });

  it("R9: refuses on ground (a) when the INN is deregistered, and a grant is impossible", async () => {
    const inn = await createTaxpayer(h.db, "001", { status: "deregistered" });
    const a = await acceptedApplication(h.db, insp, inn, T0);
    const checks = await runChecks(h.db, insp, a.id);
    expect(checks).toMatchObject({ registration: { found: true, status: "deregistered", officeCode: "001" }, officeMatches: true, grounds: [{ ground: "no_registration" }] });
    await expectError(grantAccess(h.db, insp, a.id, min(5)), "conflict", "grant.grounds_exist");
    await refuseAccess(h.db, insp, a.id, [{ ground: "no_registration" }], min(5));
    const app = await getApplication(h.db, a.id);
    expect(app).toMatchObject({ status: "refused", holdsPassword: false, decision: { outcome: "refused", grounds: [{ ground: "no_registration" }], login: null } });
  });

  it("R9: refuses on ground (b) naming the evidence; a refusal without a found ground is refused", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const evidenceId = await createEvidence(h.db, insp, inn);
    const a = await acceptedApplication(h.db, insp, inn, T0);
    expect((await runChecks(h.db, insp, a.id)).grounds).toEqual([{ ground: "fictitious_activity", evidenceId }]);
    await expectError(grantAccess(h.db, insp, a.id, min(5)), "conflict", "grant.grounds_exist");
    await expectError(refuseAccess(h.db, insp, a.id, [], min(5)), "validation", "refusal.grounds_required");
    await expectError(refuseAccess(h.db, insp, a.id, [{ ground: "no_registration" }], min(5)), "validation", "refusal.ground_not_found");
    await expectError(refuseAccess(h.db, insp, a.id, [{ ground: "fictitious_activity", evidenceId: crypto.randomUUID() }], min(5)), "validation");
    expect((await getApplication(h.db, a.id))!.status).toBe("accepted");
    await refuseAccess(h.db, insp, a.id, [{ ground: "fictitious_activity", evidenceId }], min(6));
    expect((await getApplication(h.db, a.id))!.decision!.grounds).toEqual([{ ground: "fictitious_activity", evidenceId }]);
  });

  it("R9: a clean subject cannot be refused (no ground was found)", async () => {
    const a = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), T0);
    await expectError(refuseAccess(h.db, insp, a.id, [{ ground: "no_registration" }], min(5)), "validation", "refusal.ground_not_found");
  });

  it("R9/R13: an INN absent from the registry is handled by the presenting office, which may only refuse on ground (a)", async () => {
    const inn = personalInn();
    const a = await acceptedApplication(h.db, insp, inn, T0);
    expect(await runChecks(h.db, insp, a.id)).toMatchObject({ registration: { found: false }, officeMatches: true, grounds: [{ ground: "no_registration" }] });
    await expectError(grantAccess(h.db, other, a.id, min(5)), "forbidden", "office.not_subject_office");
    await expectError(grantAccess(h.db, insp, a.id, min(5)), "conflict", "grant.grounds_exist");
    await refuseAccess(h.db, insp, a.id, [{ ground: "no_registration" }], min(5));
  });

  it("R10: decisions are numbered per office and year without gaps, with date, office and inspector", async () => {
    const g1 = await grantedSubject(h.db, insp, await createTaxpayer(h.db, "001"), T0);
    const g2 = await grantedSubject(h.db, insp2, await createTaxpayer(h.db, "001"), T0);
    const d1 = (await getApplication(h.db, g1.id))!.decision!;
    const d2 = (await getApplication(h.db, g2.id))!.decision!;
    expect(d1.number).toMatch(/^001-DG-2025-\d{6}$/);
    expect(Number(d2.number.slice(-6))).toBe(Number(d1.number.slice(-6)) + 1);
    expect(d2).toMatchObject({ outcome: "granted", decidedBy: insp2.id });
    expect(d2.decidedAt.toISOString()).toBe(min(3).toISOString());
  });

  it("R11: the decision of an application is found again for its second copy, unchanged", async () => {
    const g = await grantedSubject(h.db, insp, await createTaxpayer(h.db, "001"), T0);
    const first = (await getApplication(h.db, g.id))!.decision;
    const again = (await getApplication(h.db, g.id))!.decision;
    expect(again).toEqual(first);
    expect(first).toMatchObject({ id: g.decisionId, login: g.login });
  });

  it("R12/R15: the login comes with the grant decision and is the account's login", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const [account] = await h.db.select().from(accessAccounts).where(eq(accessAccounts.inn, inn));
    expect(account).toMatchObject({ login: g.login, status: "active", officeCode: "001" });
    expect((await getApplication(h.db, g.id))!.decision!.login).toBe(g.login);
  });

  it("R13: the login is generated at the decision, never the INN; staff of another office cannot act", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { id } = await submitApplication(h.db, validForm(inn), T0);
    await expectError(presentApplication(h.db, other, id, min(1)), "forbidden", "office.not_subject_office");
    await presentApplication(h.db, insp, id, min(1));
    await expectError(acceptApplication(h.db, other, id, ["form_complete", "requisites_match", "signer_identity"], min(2)), "forbidden");
    await acceptApplication(h.db, insp, id, ["form_complete", "requisites_match", "signer_identity"], min(2));
    expect(await h.db.select().from(accessAccounts).where(eq(accessAccounts.inn, inn))).toHaveLength(0);
    await expectError(grantAccess(h.db, other, id, min(3)), "forbidden");
    await expectError(subjectCard(h.db, other, inn, min(3)), "forbidden");
    const { login } = await grantAccess(h.db, insp, id, min(3));
    expect(login).not.toContain(inn);
    expect(login).toMatch(/^kb-[2-9a-z]{8}$/);
  });

  it("R14: the 20-minute clock starts at presentation; the queue shows warning at 15 and overdue at 20", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { id } = await submitApplication(h.db, validForm(inn), T0);
    const { decisionDueAt } = await presentApplication(h.db, insp, id, min(100));
    expect(decisionDueAt!.toISOString()).toBe(min(120).toISOString());
    const state = async (at: Date) => (await officeQueue(h.db, "001", at, { pageSize: 200 })).decisions.find((d) => d.id === id)!.deadline;
    expect(await state(min(114))).toBe("ok");
    expect(await state(min(115))).toBe("warning");
    expect(await state(min(120))).toBe("overdue");
    expect((await officeQueue(h.db, "002", min(120))).decisions.find((d) => d.id === id)).toBeUndefined();
  });

  it("R16: the password set in the application is the account's; its hash leaves the application at grant", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const [app] = await h.db.select({ hash: applications.passwordHash }).from(applications).where(eq(applications.id, g.id));
    expect(app.hash).toBeNull();
    const [account] = await h.db.select({ hash: accessAccounts.passwordHash }).from(accessAccounts).where(eq(accessAccounts.inn, inn));
    expect(account.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(account.hash!, PASSWORD)).toBe(true);
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(10))).toEqual({ valid: true, active: true });
    expect(await verifyCredentials(h.db, { login: g.login.toUpperCase(), password: "Wrong#2025" }, min(10))).toEqual({ valid: false, active: false });
  });

  it("R17: restoration replaces the password and keeps the login", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const r = await acceptedApplication(h.db, insp, inn, min(60), { requestKind: "restore", password: "Новый#Pass1", passwordConfirm: "Новый#Pass1" });
    const again = await grantAccess(h.db, insp, r.id, min(65));
    expect(again.login).toBe(g.login);
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(70))).toMatchObject({ valid: false });
    expect(await verifyCredentials(h.db, { login: g.login, password: "Новый#Pass1" }, min(70))).toEqual({ valid: true, active: true });
    expect((await journalOf(inn)).map((j) => j.action)).toContain("account.password_replaced");
    expect(await h.db.select().from(accessAccounts).where(eq(accessAccounts.inn, inn))).toHaveLength(1);
  });

  it("R17: a restore application from a subject who never had access is decided as a first grant, and the decision says so (decision 046)", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const r = await acceptedApplication(h.db, insp, inn, T0, { requestKind: "restore" });
    const { decisionId, login } = await grantAccess(h.db, insp, r.id, min(5));
    const [d] = await h.db.select().from(decisions).where(eq(decisions.id, decisionId));
    expect(d).toMatchObject({ outcome: "granted", login, effect: "first_grant" });
    expect((await getApplication(h.db, r.id))!.decision).toMatchObject({ id: decisionId, effect: "first_grant" });
    const rows = await journalOf(inn);
    expect(rows.find((j) => j.action === "application.granted")!.after).toMatchObject({ login, effect: "first_grant", decisionId });
    expect(rows.map((j) => j.action)).toContain("account.created");
    expect(await verifyCredentials(h.db, { login, password: PASSWORD }, min(6))).toEqual({ valid: true, active: true });
  });

  it("R17: each grant's decision records what it did to the access — first grant, restoration, reinstatement after annulment; a refusal none", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const effectOf = async (decisionId: string) => (await h.db.select().from(decisions).where(eq(decisions.id, decisionId)))[0].effect;
    const g = await grantedSubject(h.db, insp, inn, T0);
    expect(await effectOf(g.decisionId)).toBe("first_grant");
    // A "grant" application for an active access replaces the password: a restoration, whatever it was called.
    const again = await acceptedApplication(h.db, insp, inn, min(30), { password: "Новый#Pass1", passwordConfirm: "Новый#Pass1" });
    expect(await effectOf((await grantAccess(h.db, insp, again.id, min(35))).decisionId)).toBe("restoration");
    const annul = await acceptedApplication(h.db, insp, inn, min(60), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    await enterAnnulment(h.db, insp, annul.id, min(65));
    const back = await acceptedApplication(h.db, insp, inn, min(90), { requestKind: "restore" });
    const reinstated = await grantAccess(h.db, insp, back.id, min(95));
    expect(reinstated.login).toBe(g.login);
    expect(await effectOf(reinstated.decisionId)).toBe("reinstatement");
    const actions = (await journalOf(inn)).filter((j) => j.action === "application.granted").map((j) => (j.after as { effect: string }).effect);
    expect(actions).toEqual(["first_grant", "restoration", "reinstatement"]);
    const refusedInn = await createTaxpayer(h.db, "001", { status: "deregistered" });
    const refused = await acceptedApplication(h.db, insp, refusedInn, T0, { requestKind: "restore" });
    expect(await effectOf((await refuseAccess(h.db, insp, refused.id, [{ ground: "no_registration" }], min(5))).decisionId)).toBeNull();
  });

  it("journals every event with before/after status and the subject's INN; the card view too", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    await subjectCard(h.db, sup, inn, min(30));
    const rows = await journalOf(inn);
    expect(rows.map((r) => [r.action, (r.before as { status?: string } | null)?.status ?? null, (r.after as { status?: string } | null)?.status ?? null])).toEqual([
      ["application.saved", null, "draft"],
      ["application.presented", "draft", "presented"],
      ["application.accepted", "presented", "accepted"],
      ["application.granted", "accepted", "granted"],
      ["account.created", null, "active"],
      ["subject.viewed", null, null],
    ]);
    expect(rows.slice(1).every((r) => r.officeCode === "001" && r.actorId !== null)).toBe(true);
    const [{ n }] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from journal_entries where after::text like '%argon2%'`);
    expect(n).toBe(0);
  });

  it("an inspector's stale page (old version) is refused and changes nothing", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { id } = await submitApplication(h.db, validForm(inn), T0);
    const seen = (await getApplication(h.db, id))!.version;
    await presentApplication(h.db, insp, id, min(1), { expectedVersion: seen });
    await expectError(returnApplication(h.db, insp2, id, ["x"], min(2), { expectedVersion: seen }), "stale");
    expect((await getApplication(h.db, id))!.status).toBe("presented");
  });

  it("an administrator or a subject cannot act on applications", async () => {
    const admin = await createStaff(h.db, "admin", null);
    const inn = await createTaxpayer(h.db, "001");
    const { id } = await submitApplication(h.db, validForm(inn), T0);
    await expectError(presentApplication(h.db, admin, id, min(1)), "forbidden");
    await expectError(presentApplication(h.db, { type: "public" }, id, min(1)), "forbidden");
    expect(await h.db.select().from(applications).where(and(eq(applications.id, id), eq(applications.status, "draft")))).toHaveLength(1);
  });
});
