import { request as httpRequest } from "node:http";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { offices, staffUsers } from "../../../db/schema";
import { httpSettings, parseEnv } from "../../../app/utils/env.server";
import * as registry from "../../../app/routes/admin.registry";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { startGuardedServer } from "../../support/express";
import { createStaff } from "../../support/factories";
import { CSRF_TOKEN, staffCookies, type RouteModule } from "../../support/http";

/**
 * An administrator's browser that drops the upload halfway, on a real socket through the server's
 * guards and the page's action: the import fails, is journaled, and no row reaches the registry.
 */
let h: DbHandle;
let server: Awaited<ReturnType<typeof startGuardedServer>>;
let cookies: string;
beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await h.db.insert(offices).values({ code: "002", name: "УГНС по Ленинскому району г. Бишкек", address: "Бишкек", headName: "Начальник" });
  const admin = await createStaff(h.db, "admin", null);
  const [{ username }] = await h.db.select({ username: staffUsers.username }).from(staffUsers).where(eq(staffUsers.id, admin.id));
  cookies = await staffCookies(h, username);
  server = await startGuardedServer(httpSettings(parseEnv({})), { "/admin/registry": registry as RouteModule });
});
afterAll(async () => {
  await server.close();
  releaseAppDatabase();
  await h.close();
});

async function importRow(): Promise<{ status: string; failure: string | null; rows_read: number } | undefined> {
  const [row] = await queryRows<{ status: string; failure: string | null; rows_read: number }>(h.db, sql`select status, failure, rows_read from registry_imports`);
  return row;
}

describe("registry upload broken off by the client", () => {
  it("fails the import, journals it, and leaves the registry empty", async () => {
    const boundary = "----registry-abort";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${CSRF_TOKEN}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="registry.csv"\r\nContent-Type: text/csv\r\n\r\n` +
        "inn,name,subject_type,office_code,registration_status\n",
    );
    const rows = Buffer.from(
      Array.from({ length: 3_000 }, (_, i) => `2150519901${String(i).padStart(4, "0")},Оборванная Загрузка ${i},individual,002,registered\n`).join(""),
    );
    const req = httpRequest(`${server.base}/admin/registry`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(50 * 1024 * 1024), Cookie: cookies },
    });
    req.on("error", () => {}); // the socket is destroyed on purpose
    req.write(head);
    req.write(rows);

    for (let i = 0; i < 1_000 && !(Number((await importRow())?.rows_read) >= 1_000); i++) await new Promise((r) => setTimeout(r, 20));
    expect(Number((await importRow())?.rows_read)).toBeGreaterThanOrEqual(1_000);
    req.destroy();

    for (let i = 0; i < 1_000 && (await importRow())?.status === "running"; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await importRow()).toMatchObject({ status: "failed", failure: "registry.failure.aborted" });
    const [{ n }] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from taxpayers`);
    expect(Number(n)).toBe(0);
    const journal = await queryRows<{ action: string }>(h.db, sql`select action from journal_entries where entity_type = 'registry_import' order by id`);
    expect(journal.map((e) => e.action)).toEqual(["registry.import_started", "registry.import_failed"]);
  }, 60_000);
});
