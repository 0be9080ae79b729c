import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { journalEntries, printedDocuments } from "../../../db/schema";
import { renderDocument } from "../../../templates";
import type { StaffActor } from "../../../workflows/actor";
import { enterAnnulment, getApplication, grantAccess, refuseAccess, submitApplication, WorkflowError } from "../../../workflows";
import { renderProps, verifyDocument } from "../../../workflows/documents";
import { deskDetails, printDocument, type PrintSource } from "../../../workflows/printing";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer, grantedSubject, validForm } from "../../support/factories";
import { hasPoppler, pageText, writePdf } from "../../unit/templates/pdf-tools";

let h: DbHandle;
let insp: StaffActor;
let stranger: StaffActor;
const T0 = new Date("2026-03-10T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const BASE = "https://cabinet.example.kg";
const PAPER = { baseUrl: BASE, languages: ["ky", "ru"] } as const;

async function pdfText(doc: Awaited<ReturnType<typeof printDocument>>, page = 1) {
  const pdf = await renderDocument(doc.kind as never, renderProps(doc, PAPER) as never);
  return pageText(writePdf(pdf, doc.kind), page);
}

async function journalCount(action: string, entityId: string) {
  const rows = await h.db
    .select({ id: journalEntries.id })
    .from(journalEntries)
    .where(and(eq(journalEntries.action, action), eq(journalEntries.entityId, entityId)));
  return rows.length;
}

/** First print issues (numbered, journaled), second is a journaled duplicate with the same number, another office is refused. */
async function expectIssueThenReprint(source: PrintSource, kindCode: string) {
  const first = await printDocument(h.db, insp, source, min(30));
  expect(first.duplicate).toBe(false);
  expect(first.number).toMatch(new RegExp(`^001-${kindCode}-2026-\\d{6}$`));
  expect(await journalCount("document.printed", first.id)).toBe(1);

  const second = await printDocument(h.db, insp, source, min(31));
  expect(second).toMatchObject({ id: first.id, number: first.number, duplicate: true, reprints: 1 });
  expect(await journalCount("document.reprinted", first.id)).toBe(1);
  const rows = await h.db.select().from(printedDocuments).where(eq(printedDocuments.sourceId, source.id));
  expect(rows.filter((r) => r.officeCode === "001")).toHaveLength(1);

  await expect(printDocument(h.db, stranger, source, min(32))).rejects.toMatchObject({ code: "forbidden" });
  return { first, second };
}

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  await createOffice(h.db, "002");
  insp = await createStaff(h.db, "inspector", "001", "Асанова Гүлнара");
  stranger = await createStaff(h.db, "inspector", "002");
});
afterAll(() => h.close());

describe("issue-or-reprint", () => {
  it("prints the accepted application with its acceptance mark, then a duplicate", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const app = await acceptedApplication(h.db, insp, inn, T0);
    const { first, second } = await expectIssueThenReprint({ source: "application", id: app.id }, "IN");
    expect(first.payload).toMatchObject({ acceptance: { incomingNumber: app.incomingNumber } });
    if (!hasPoppler) return;
    const text = await pdfText(first);
    expect(text).toContain(app.incomingNumber);
    expect(await pdfText(second)).toContain("ДУБЛИКАТ");
  });

  it("prints a grant decision with the login on it", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const granted = await grantedSubject(h.db, insp, inn, T0);
    const { first } = await expectIssueThenReprint({ source: "decision", id: granted.decisionId }, "DG");
    expect(first.kind).toBe("decision_grant");
    if (!hasPoppler) return;
    expect(await pdfText(first)).toContain(granted.login);
  });

  it("prints a restore application of a subject who never had access as a first grant, and a restoration as a restoration (decision 046)", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const restore = { requestKind: "restore" } as const;
    const first = await grantAccess(h.db, insp, (await acceptedApplication(h.db, insp, inn, T0, restore)).id, min(5));
    const firstDoc = await printDocument(h.db, insp, { source: "decision", id: first.decisionId }, min(6));
    expect(firstDoc.payload).toMatchObject({ requestKind: "restore", effect: "first_grant", login: first.login });
    const second = await grantAccess(h.db, insp, (await acceptedApplication(h.db, insp, inn, min(60), restore)).id, min(65));
    const secondDoc = await printDocument(h.db, insp, { source: "decision", id: second.decisionId }, min(66));
    expect(secondDoc.payload).toMatchObject({ requestKind: "restore", effect: "restoration", login: first.login });
    if (!hasPoppler) return;
    const firstText = await pdfText(firstDoc);
    expect(firstText).toContain("РЕШЕНИЕ о предоставлении доступа");
    expect(firstText).toContain("РЕШИЛ предоставить субъекту доступ");
    expect(firstText).not.toMatch(/восстанов/i);
    const secondText = await pdfText(secondDoc);
    expect(secondText).toContain("РЕШИЛ восстановить субъекту доступ");
    expect(secondText).toContain("Логин при восстановлении доступа не меняется");
  });

  it("prints a refusal decision with its ground", async () => {
    const inn = await createTaxpayer(h.db, "001", { status: "deregistered" });
    const app = await acceptedApplication(h.db, insp, inn, T0);
    const { decisionId } = await refuseAccess(h.db, insp, app.id, [{ ground: "no_registration" }], min(5));
    const { first } = await expectIssueThenReprint({ source: "decision", id: decisionId }, "DR");
    expect(first.kind).toBe("decision_refusal");
    expect(first.payload).toMatchObject({ grounds: [{ ground: "no_registration" }] });
  });

  it("prints the annulment notice after an annulment on request is entered", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const granted = await grantedSubject(h.db, insp, inn, T0);
    const annul = await acceptedApplication(h.db, insp, inn, min(10), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    const { annulmentId } = await enterAnnulment(h.db, insp, annul.id, min(20));
    const { first } = await expectIssueThenReprint({ source: "annulment", id: annulmentId! }, "AN");
    expect(first.payload).toMatchObject({ login: granted.login, basis: { kind: "on_request" } });
  });

  it("prints the second annulment application its own notice: access already annulled, with the earlier date and its incoming number", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const granted = await grantedSubject(h.db, insp, inn, T0);
    const annul = { requestKind: "annul", password: undefined, passwordConfirm: undefined } as const;
    const first = await acceptedApplication(h.db, insp, inn, min(10), annul);
    const second = await acceptedApplication(h.db, insp, inn, min(12), annul);
    const { annulmentId } = await enterAnnulment(h.db, insp, first.id, min(20));
    await enterAnnulment(h.db, insp, second.id, min(25));
    const source = (await deskDetails(h.db, (await getApplication(h.db, second.id))!)).noticeSource;
    expect(source).toEqual({ source: "already_annulled", id: second.id });
    const { first: notice } = await expectIssueThenReprint(source!, "AN");
    // Its number is the one made when the application closed (decision 044).
    expect(notice).toMatchObject({ kind: "annulment_notice", sourceId: second.id, number: (await getApplication(h.db, second.id))!.alreadyAnnulled!.noticeNumber });
    expect(notice.payload).toMatchObject({
      login: granted.login,
      effectiveAt: min(20).toISOString(),
      basis: { kind: "already_annulled", earlier: "on_request", application: { incomingNumber: second.incomingNumber }, closedAt: min(25).toISOString() },
    });
    expect(await verifyDocument(h.db, notice.id, notice.contentHash.slice(0, 16), new Date())).toMatchObject({ genuine: true, outcome: "already_annulled" });
    // The first application's notice is another document.
    const firstNotice = await printDocument(h.db, insp, { source: "annulment", id: annulmentId! }, min(33));
    expect(firstNotice.number).not.toBe(notice.number);
    if (!hasPoppler) return;
    const text = await pdfText(notice);
    expect(text).toContain("доступ уже аннулирован 10.03.2026 10:20"); // min(20) in office time (UTC+6)
    expect(text).toContain(second.incomingNumber);
    expect(text).toContain(granted.login);
    expect(text).not.toContain(first.incomingNumber);
  });

  it("lets the public print a saved application under its code only, without an office", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { id } = await submitApplication(h.db, validForm(inn), T0);
    const first = await printDocument(h.db, { type: "public" }, { source: "application", id }, min(1));
    expect(first).toMatchObject({ officeCode: null, duplicate: false });
    expect(first.number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]+$/);
    const again = await printDocument(h.db, { type: "public" }, { source: "application", id }, min(2));
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    // Staff cannot print it before acceptance: the paper would lack the mark.
    await expect(printDocument(h.db, insp, { source: "application", id }, min(3))).rejects.toBeInstanceOf(WorkflowError);
  });

  it("answers not found for an unknown source", async () => {
    await expect(printDocument(h.db, insp, { source: "decision", id: "00000000-0000-4000-8000-000000000000" }, T0)).rejects.toMatchObject({ code: "not_found" });
  });
});
