import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finalStatement, queryRows, type DbHandle } from "../../db/client";
import { createTestDb } from "../support/db";

// On the server, BEGIN is sent with a transaction's first statement instead of on its own
// (db/client.ts): the statements must still form one transaction that commits or rolls back whole.
let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await h.db.execute(sql`create table tx_probe (n int primary key)`);
});
afterAll(() => h.close());

const count = async () => (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from tx_probe`))[0].n;

describe("transactions", () => {
  it("run their statements in one transaction from the first one on", async () => {
    const seen = await h.db.transaction(async (tx) => {
      const [first] = await queryRows<{ xid: string | null; at: string }>(tx, sql`select txid_current()::text as xid, now()::text as at`);
      await new Promise((r) => setTimeout(r, 20));
      const [second] = await queryRows<{ xid: string | null; at: string }>(tx, sql`select txid_current_if_assigned()::text as xid, now()::text as at`);
      return { first, second };
    });
    expect(seen.second.xid).toBe(seen.first.xid);
    expect(seen.second.at).toBe(seen.first.at);
  });

  it("commit every write, or none when the body fails after its writes", async () => {
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (1)`);
      await tx.execute(sql`insert into tx_probe values (2)`);
    });
    expect(await count()).toBe(2);
    await expect(
      h.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (3)`);
        throw new Error("fault after a write");
      }),
    ).rejects.toThrow("fault after a write");
    await expect(
      h.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (4)`);
        await tx.execute(sql`insert into tx_probe values (1)`); // duplicate key
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(2);
  });

  it("roll back a nested transaction alone", async () => {
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (10)`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into tx_probe values (11)`);
          throw new Error("inner fault");
        }),
      ).rejects.toThrow("inner fault");
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into tx_probe values (12)`);
      });
    });
    const rows = await queryRows<{ n: number }>(h.db, sql`select n from tx_probe where n >= 10 order by n`);
    expect(rows.map((r) => r.n)).toEqual([10, 12]);
  });

  it("leave the pooled connection usable after a failure", async () => {
    for (let i = 0; i < 20; i++) {
      await expect(h.db.transaction(async (tx) => tx.execute(sql`select 1/0`))).rejects.toThrow();
    }
    expect(await count()).toBe(4); // 1, 2, 10, 12
  });

  it("end with a final statement: its writes and the earlier ones commit together, or none when it fails", async () => {
    const result = await h.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (20)`);
      const [row] = await finalStatement<{ n: number }>(tx, sql`insert into tx_probe values (21) returning n`);
      return row.n;
    });
    expect(result).toBe(21);
    await expect(
      h.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (22)`);
        await finalStatement(tx, sql`insert into tx_probe values (20)`); // duplicate key
      }),
    ).rejects.toThrow();
    await expect(
      h.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (23)`);
        await finalStatement(tx, sql`select fail_statement('checked by the statement itself')`);
      }),
    ).rejects.toThrow("checked by the statement itself");
    const rows = await queryRows<{ n: number }>(h.db, sql`select n from tx_probe where n >= 20 order by n`);
    expect(rows.map((r) => r.n)).toEqual([20, 21]);
  });
});
