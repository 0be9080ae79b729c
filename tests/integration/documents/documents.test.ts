import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { journalEntries, offices, staffUsers } from "../../../db/schema";
import { renderDocument, type DecisionGrantProps } from "../../../templates";
import type { StaffActor } from "../../../workflows/actor";
import { issueDocument, renderProps, reprintDocument, verifyDocument } from "../../../workflows/documents";
import { WorkflowError } from "../../../workflows/errors";
import { verifyJournal } from "../../../workflows/journal";
import { takeOfficeNumber } from "../../../workflows/numbering";
import { createTestDb } from "../../support/db";
import { decisionGrant } from "../../unit/templates/fixtures";
import { decodeQr, hasPoppler, pageText, writePdf } from "../../unit/templates/pdf-tools";

let h: DbHandle;
let inspector: StaffActor;
let stranger: StaffActor;
const BASE = "https://cabinet.salyk.example.kg";
const PAPER = { baseUrl: BASE, languages: ["ky", "ru"] } as const;
const NOW = new Date("2026-03-05T08:07:00.000Z");
const { document: _unused, ...grantPayload } = decisionGrant;

async function staff(officeCode: string, fullName: string): Promise<StaffActor> {
  const [row] = await h.db
    .insert(staffUsers)
    .values({ username: `u${randomUUID().slice(0, 8)}`, fullName, role: "inspector", officeCode, passwordHash: "not-a-hash" })
    .returning({ id: staffUsers.id });
  return { type: "staff", id: row.id, role: "inspector", officeCode, fullName };
}

/** A print of an act numbered in the same transaction, as a decision is. */
function issueGrant(actor: StaffActor, now = NOW, officeCode = "0003") {
  return h.db.transaction(async (tx) =>
    issueDocument(
      tx,
      actor,
      { kind: "decision_grant", officeCode, subjectInn: grantPayload.subject.inn, sourceId: randomUUID(), number: await takeOfficeNumber(tx, officeCode, "decision_grant", now), payload: grantPayload },
      now
    )
  );
}

beforeAll(async () => {
  h = await createTestDb();
  await h.db.insert(offices).values([
    { code: "0003", name: "Управление ГНС по Первомайскому району г. Бишкек", address: "г. Бишкек, ул. Токтогула, 125/1", headName: "Жээнбеков Н. Ө." },
    { code: "0007", name: "Управление ГНС по г. Ош", address: "г. Ош, ул. Ленина, 1", headName: "Абдыкадыров К." },
  ]);
  inspector = await staff("0003", "Асанов Бакыт Ңуралиевич");
  stranger = await staff("0007", "Осмонов Талант");
});
afterAll(() => h.close());

describe("issuing printed documents", () => {
  it("prints the act's number and journals the print", async () => {
    const a = await issueGrant(inspector);
    expect(a.number).toBe("0003-DG-2026-000001");
    const [entry] = await h.db
      .select()
      .from(journalEntries)
      .where(and(eq(journalEntries.action, "document.printed"), eq(journalEntries.entityId, a.id)));
    expect(entry).toMatchObject({ officeCode: "0003", actorId: inspector.id, subjectInn: grantPayload.subject.inn });
    expect(entry.after).toMatchObject({ number: "0003-DG-2026-000001" });
  });

  it("refuses staff of another office (R13)", async () => {
    const err = await issueGrant(stranger).catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowError);
    expect(err.code).toBe("forbidden");
  });

});

describe.skipIf(!hasPoppler)("the QR code on paper leads to a verification that says genuine", () => {
  it("decodes the printed QR code, verifies it, and rejects a tampered id or hash", async () => {
    const doc = await issueGrant(inspector);
    const file = writePdf(await renderDocument("decision_grant", renderProps(doc, PAPER) as DecisionGrantProps));
    const url = new URL(decodeQr(file, 2)!);
    expect(url.origin + url.pathname).toBe(`${BASE}/verify/${doc.id}`);
    const id = url.pathname.split("/").pop()!;
    const hash = url.searchParams.get("h")!;

    const ok = await verifyDocument(h.db, id, hash, new Date());
    expect(ok).toEqual({
      genuine: true,
      kind: "decision_grant",
      number: doc.number,
      issuedAt: NOW.toISOString(),
      officeName: "Управление ГНС по Первомайскому району г. Бишкек",
      // The issuing office's zone, in which /verify reads the issue time.
      timeZone: "Asia/Bishkek",
      outcome: "granted",
      reprints: 0,
      // A paper issued without its decision row (this test prints directly) has no standing to tell.
      standing: null,
      anchoring: null,
    });
    // The public page learns nothing personal beyond the paper's own number, date and office.
    expect(JSON.stringify(ok)).not.toContain(grantPayload.subject.inn);
    expect(JSON.stringify(ok)).not.toContain(grantPayload.login);

    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "a" ? "b" : "a") + s.slice(i + 1);
    expect((await verifyDocument(h.db, flip(id, 0), hash, new Date())).genuine).toBe(false);
    expect((await verifyDocument(h.db, id, flip(hash, 5), new Date())).genuine).toBe(false);
    expect((await verifyDocument(h.db, id, hash.slice(0, 8), new Date())).genuine).toBe(false);
    expect((await verifyDocument(h.db, "'; drop table printed_documents; --", hash, new Date())).genuine).toBe(false);
  });

  it("says not genuine when the stored document was edited behind the system's back", async () => {
    const doc = await issueGrant(inspector);
    await h.db.execute(sql`update printed_documents set payload = jsonb_set(payload, '{login}', '"kb-forged01"') where id = ${doc.id}`);
    expect((await verifyDocument(h.db, doc.id, doc.contentHash.slice(0, 16), new Date())).genuine).toBe(false);
  });

  it("a reprint is the same document marked ДУБЛИКАТ with its date, counted and journaled; another office cannot reprint", async () => {
    const doc = await issueGrant(inspector);
    const reprintAt = new Date("2026-04-01T05:00:00.000Z");
    const again = await reprintDocument(h.db, inspector, doc.id, reprintAt);
    expect(again).toMatchObject({
      id: doc.id,
      number: doc.number,
      contentHash: doc.contentHash,
      payload: doc.payload,
      duplicate: true,
      reprints: 1,
      reprintedAt: reprintAt.toISOString(),
    });

    const file = writePdf(await renderDocument("decision_grant", renderProps(again, PAPER) as DecisionGrantProps));
    for (const page of [1, 2]) {
      expect(pageText(file, page)).toContain("ДУБЛИКАТ");
      expect(pageText(file, page)).toContain("выдан 01.04.2026");
      expect(pageText(file, page)).toContain(doc.number);
    }
    expect((await verifyDocument(h.db, doc.id, doc.contentHash.slice(0, 16), new Date())).reprints).toBe(1);

    const entries = await h.db
      .select()
      .from(journalEntries)
      .where(and(eq(journalEntries.action, "document.reprinted"), eq(journalEntries.entityId, doc.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0].after).toMatchObject({ number: doc.number, reprints: 1 });

    const err = await reprintDocument(h.db, stranger, doc.id, reprintAt).catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowError);
    expect(err.code).toBe("forbidden");
    expect((await verifyDocument(h.db, doc.id, doc.contentHash.slice(0, 16), new Date())).reprints).toBe(1);
    expect((await verifyJournal(h.db)).ok).toBe(true);
  });
});
