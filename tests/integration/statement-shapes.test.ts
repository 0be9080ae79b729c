import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../db/client";
import { applications } from "../../db/schema";
import { changedColumns, rowOf, statementPerShape, updateValues, versionedUpdateSql } from "../../db/statement-shapes";
import { appendJournal } from "../../workflows/journal";
import { createTestDb } from "../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer } from "../support/factories";

// Statements compiled once per shape (db/statement-shapes.ts) must read and write exactly what
// drizzle's own builders do, on both drivers.
let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "002");
  const inspector = await createStaff(h.db, "inspector", "002");
  const inn = await createTaxpayer(h.db, "002");
  await acceptedApplication(h.db, inspector, inn, new Date("2026-12-01T04:00:00Z"));
});
afterAll(() => h.close());

const someApplication = async () => {
  const [row] = await h.db.select().from(applications).limit(1);
  if (!row) throw new Error("the world has no application");
  return row;
};

describe("statements compiled once per shape", () => {
  it("compile one text per shape and send each call's own values", async () => {
    let builds = 0;
    const echo = statementPerShape((shape: { twice: boolean }) => {
      builds++;
      return shape.twice ? sql`select ${sql.placeholder("v")}::int * 2 as n` : sql`select ${sql.placeholder("v")}::int as n`;
    });
    const run = async (twice: boolean, v: number) => (await queryRows<{ n: number }>(h.db, echo({ twice }, { v })))[0].n;
    expect(await run(false, 3)).toBe(3);
    expect(await run(false, 4)).toBe(4);
    expect(await run(true, 4)).toBe(8);
    expect(await run(true, 5)).toBe(10);
    expect(builds).toBe(2);
  });

  it("read a row as drizzle's select does: every column under its key, through its decoder", async () => {
    const expected = await someApplication();
    const raw = statementPerShape(() => sql`select ${applications}.* from ${applications} where ${applications.id} = ${sql.placeholder("id")}::uuid`);
    const [found] = await queryRows<Record<string, unknown>>(h.db, raw(null, { id: expected.id }));
    const row = rowOf(applications, found);
    expect(row).toEqual(expected);
    expect(row.createdAt).toBeInstanceOf(Date);
  });

  it("write a versioned update as drizzle's update does, and nothing at a stale version", async () => {
    const before = await someApplication();
    const changes = {
      decisionWarnAt: new Date("2026-12-02T10:00:00.000Z"),
      closedAt: null,
      snapshot: { probe: [1, "two"] },
      version: before.version + 1,
      passwordHash: undefined,
    };
    expect(changedColumns(changes)).toEqual(["closedAt", "decisionWarnAt", "snapshot", "version"]);
    const update = statementPerShape((columns: string[]) => versionedUpdateSql(applications, columns, "a_"));
    const write = (version: number) =>
      queryRows<{ id: string }>(h.db, update(changedColumns(changes), updateValues(applications, changes, { id: before.id, version }, "a_")));

    expect(await write(before.version - 1)).toEqual([]);
    expect(await write(before.version)).toEqual([{ id: before.id }]);
    const [after] = await h.db.select().from(applications).where(eq(applications.id, before.id));
    expect(after).toEqual({
      ...before,
      decisionWarnAt: changes.decisionWarnAt,
      closedAt: null,
      snapshot: changes.snapshot,
      version: before.version + 1,
    });
  });

  it("refuse what drizzle's own builders would refuse, instead of sending broken text", async () => {
    expect(() => versionedUpdateSql(applications, [], "a_")).toThrow("no columns to set");
    expect(() => versionedUpdateSql(applications, ["noSuchColumn"], "a_")).toThrow("noSuchColumn is not a column");
    expect(() => updateValues(applications, { status: sql`'granted'` }, { id: "x", version: 1 }, "a_")).toThrow("status is SQL");
    expect(() => rowOf(applications, { id: "x" })).toThrow("the row has no column");
    await expect(appendJournal(h.db, { actor: { type: "system" }, officeCode: "002", action: "application.granted", withDecision: true })).rejects.toThrow("withDecision outside a decision's statement");
  });
});
