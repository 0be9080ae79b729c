import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, queryRows } from "../../../db/client";
import { startDatabase } from "../../../app/utils/db.server";
import { parseEnv } from "../../../app/utils/env.server";
import { createEmptyServerDatabase } from "../../support/db";

/** DATABASE_POOL_MAX: how many connections one app process opens to the server. */
const serverUrl = process.env.DATABASE_URL;
let fresh: { url: string; drop(): Promise<void> };

describe.skipIf(!serverUrl)("the connection pool of an app process", () => {
  beforeAll(async () => {
    fresh = await createEmptyServerDatabase();
    const h = await openDatabase({ url: fresh.url, max: 1 });
    await migrateDatabase(h);
    await h.close();
  });
  afterAll(() => fresh?.drop());

  it.each([2, 5])("DATABASE_POOL_MAX=%i: twenty statements at once use that many connections", async (n) => {
    const e = parseEnv({ DATABASE_URL: fresh.url, DATABASE_POOL_MAX: String(n) });
    const h = await startDatabase({ url: e.DATABASE_URL, dataDir: "unused", schemaWaitMs: 0, demoData: "0", poolMax: e.DATABASE_POOL_MAX });
    const watcher = postgres(fresh.url, { max: 1, onnotice: () => {} });
    try {
      const marker = `pool-test-${n}`;
      let done = false;
      const running = Promise.all(Array.from({ length: 20 }, () => queryRows(h.db, sql`select pg_sleep(0.3), ${marker}::text`))).finally(() => (done = true));
      // The most connections the process held at once, watched while the statements run.
      let most = 0;
      while (!done) {
        const [{ open }] = await watcher<{ open: number }[]>`
          select count(*)::int as open from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`;
        most = Math.max(most, open);
        await new Promise((r) => setTimeout(r, 50));
      }
      await running;
      expect(most).toBe(n);
    } finally {
      await watcher.end();
      await h.close();
    }
  });
});
