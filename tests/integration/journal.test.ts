import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../db/client";
import { offices } from "../../db/schema";
import { appendJournal, verifyJournal } from "../../workflows/journal";
import { createTestDb } from "../support/db";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await h.db.insert(offices).values({ code: "001", name: "Office", address: "Addr", headName: "Head" });
});
afterAll(() => h.close());

describe("journal (UA seed: every action recorded, tamper-evident)", () => {
  it("verifies on a fresh database and after appends to several chains", async () => {
    expect((await verifyJournal(h.db)).ok).toBe(true);
    for (let i = 0; i < 5; i++) {
      await h.db.transaction((tx) =>
        appendJournal(tx, { actor: { type: "system" }, officeCode: i % 2 ? "001" : null, action: "demo.seeded", after: { i, nested: { b: 1, a: [2, "ң"] } } }),
      );
    }
    const v = await verifyJournal(h.db);
    expect(v).toMatchObject({ ok: true, entries: 5, chains: 2 });
  });

  it("writes an idempotency key once", async () => {
    const first = await h.db.transaction((tx) => appendJournal(tx, { actor: { type: "system" }, officeCode: "001", action: "decision.overdue", idempotencyKey: "k1" }));
    const second = await h.db.transaction((tx) => appendJournal(tx, { actor: { type: "system" }, officeCode: "001", action: "decision.overdue", idempotencyKey: "k1" }));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });

  it("names the entry edited by hand in SQL", async () => {
    const [{ id }] = await queryRows<{ id: number }>(h.db, sql`select id::int as id from journal_entries where chain = '001' order by seq limit 1 offset 1`);
    // The app cannot change the journal at all; an owner who disables the guard is caught by the chain.
    await expect(h.db.execute(sql`update journal_entries set action = 'forged' where id = ${id}`)).rejects.toThrow();
    await h.db.execute(sql`alter table journal_entries disable trigger journal_append_only`);
    await h.db.execute(sql`update journal_entries set action = 'forged' where id = ${id}`);
    await h.db.execute(sql`alter table journal_entries enable trigger journal_append_only`);
    const v = await verifyJournal(h.db);
    expect(v.ok).toBe(false);
    expect(v.firstBreak).toMatchObject({ chain: "001", id, reason: "hash_mismatch" });
  });
});
