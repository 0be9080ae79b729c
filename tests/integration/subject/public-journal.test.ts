import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import type { StaffActor } from "../../../workflows/actor";
import { returnApplication, submitApplication, presentApplication, subjectCard, WorkflowError } from "../../../workflows";
import { verifyDocument } from "../../../workflows/documents";
import { issueJournalExtract, publicStatus } from "../../../workflows/subject";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject, validForm } from "../../support/factories";

let h: DbHandle;
let insp: StaffActor;
let other: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "011");
  await createOffice(h.db, "012");
  insp = await createStaff(h.db, "inspector", "011", "Приёмова Сабина Инспекторовна");
  other = await createStaff(h.db, "inspector", "012", "Другой Орган Инспектор");
});
afterAll(() => h.close());

describe("the subject's own journal on the public status page (UA seed)", () => {
  it("a granted application shows its steps with office and role, never a staff name or id", async () => {
    const inn = await createTaxpayer(h.db, "011");
    const g = await grantedSubject(h.db, insp, inn, T0);
    await subjectCard(h.db, insp, inn, T0);
    const status = await publicStatus(h.db, inn, g.code, new Date());
    expect(status?.stage).toBe("decided");
    expect(status?.decision?.outcome).toBe("granted");
    const actions = status!.journal.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["application.saved", "application.presented", "application.accepted", "application.granted", "account.created", "subject.viewed"]));
    const presented = status!.journal.find((e) => e.action === "application.presented")!;
    expect(presented).toMatchObject({ role: "inspector", officeCode: "011", officeName: "Office 011" });
    const text = JSON.stringify(status);
    expect(text).not.toContain("Приёмова");
    expect(text).not.toContain(insp.id);
    // The login is not a status-page fact: whoever holds the code learns only the outcome.
    expect(text).not.toContain(g.login);
  });

  it("another application of the same subject does not appear in this one's journal", async () => {
    const inn = await createTaxpayer(h.db, "011");
    const first = await submitApplication(h.db, validForm(inn), T0);
    const second = await submitApplication(h.db, validForm(inn), T0);
    await presentApplication(h.db, insp, second.id, T0);
    await returnApplication(h.db, insp, second.id, ["Нет доверенности"], T0);
    const one = await publicStatus(h.db, inn, first.code, new Date());
    expect(one?.stage).toBe("saved");
    expect(one?.journal.map((e) => e.action)).toEqual(["application.saved"]);
    const two = await publicStatus(h.db, inn, second.code, new Date());
    expect(two?.stage).toBe("returned");
    expect(two?.returnReasons).toEqual(["Нет доверенности"]);
    expect(two?.journal.map((e) => e.action)).toEqual(["application.saved", "application.presented", "application.returned"]);
  });

  it("a wrong code of the right form is not found; a mistyped one is a validation error", async () => {
    const inn = await createTaxpayer(h.db, "011");
    const saved = await submitApplication(h.db, validForm(inn), T0);
    const otherInn = await createTaxpayer(h.db, "011");
    expect(await publicStatus(h.db, otherInn, saved.code, new Date())).toBeNull();
    const typo = saved.code.slice(0, -1) + (saved.code.endsWith("2") ? "3" : "2");
    await expect(publicStatus(h.db, inn, typo, new Date())).rejects.toBeInstanceOf(WorkflowError);
  });

  it("the printed extract of an application is office-less, has no staff names and verifies as genuine", async () => {
    const inn = await createTaxpayer(h.db, "011");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const doc = await issueJournalExtract(h.db, { type: "public" }, { inn, applicationId: g.id }, new Date());
    expect(doc.number).toMatch(/^WEB-JE-/);
    // Each event and role in every paper language, whichever the installation prints.
    expect(doc.payload.events.map((e) => e.event)).toContainEqual({ ky: "Кирүү укугун берүү жөнүндө чечим кабыл алынды", ru: "Принято решение о предоставлении доступа" });
    expect(doc.payload.events.find((e) => typeof e.event !== "string" && e.event.ru.startsWith("Заявление принято"))?.role).toEqual({ ky: "инспектор", ru: "инспектор" });
    expect(JSON.stringify(doc.payload)).not.toContain("Приёмова");
    expect(doc.payload.preparedBy).toBeNull();
    const check = await verifyDocument(h.db, doc.id, doc.contentHash.slice(0, 16), new Date());
    expect(check.genuine).toBe(true);
  });

  it("the public cannot print the whole journal of an INN, nor an application of another INN", async () => {
    const inn = await createTaxpayer(h.db, "011");
    const g = await grantedSubject(h.db, insp, inn, T0);
    await expect(issueJournalExtract(h.db, { type: "public" }, { inn }, new Date())).rejects.toMatchObject({ code: "forbidden" });
    const stranger = await createTaxpayer(h.db, "011");
    await expect(issueJournalExtract(h.db, { type: "public" }, { inn: stranger, applicationId: g.id }, new Date())).rejects.toMatchObject({ code: "not_found" });
  });

  it("staff print the whole journal for a subject of their office only", async () => {
    const inn = await createTaxpayer(h.db, "011");
    await grantedSubject(h.db, insp, inn, T0);
    const doc = await issueJournalExtract(h.db, insp, { inn }, new Date());
    expect(doc.officeCode).toBe("011");
    expect(doc.payload.preparedBy?.fullName).toBe(insp.fullName);
    // The rows still carry office and role only; the preparer signs the paper by name.
    expect(JSON.stringify(doc.payload.events)).not.toContain("Приёмова");
    await expect(issueJournalExtract(h.db, other, { inn }, new Date())).rejects.toMatchObject({ code: "forbidden" });
  });
});
