import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { APPLICATION_STATUSES, applications } from "../../../db/schema";
import { submitApplication } from "../../../workflows";
import { createTestDb } from "../../support/db";
import { createOffice, createTaxpayer, validForm } from "../../support/factories";

/** The database itself refuses an application status that is not a state of the machine (migration 0007). */
let h: DbHandle;
let id: string;
const statusOf = async () => (await h.db.select({ status: applications.status }).from(applications).where(eq(applications.id, id)))[0].status;

/** The error a statement fails with, or null; drizzle keeps the database's error as the cause. */
async function failure(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ""}`;
  }
}

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  const inn = await createTaxpayer(h.db, "001");
  ({ id } = await submitApplication(h.db, validForm(inn), new Date("2025-03-07T04:00:00Z")));
});
afterAll(() => h.close());

describe("application status: a state of the machine or nothing", () => {
  it("refuses to change a status to a word that is no state, and the row keeps its own", async () => {
    expect(await failure(() => h.db.execute(sql`update applications set status = 'approved' where id = ${id}`))).toMatch(/applications_status_check/);
    expect(await failure(() => h.db.execute(sql`update applications set status = 'Draft' where id = ${id}`))).toMatch(/applications_status_check/);
    expect(await statusOf()).toBe("draft");
  });

  it("refuses to insert an application with a bogus status", async () => {
    const copy = (status: string) =>
      h.db.execute(sql`insert into applications (code, inn, request_kind, subject_type, applicant_name, form, status, snapshot, expires_at)
                       select 'ZZZZ9999Z', inn, request_kind, subject_type, applicant_name, form, ${status}, snapshot, expires_at from applications where id = ${id}`);
    expect(await failure(() => copy("bogus"))).toMatch(/applications_status_check/);
    expect(await queryRows(h.db, sql`select 1 from applications where code = 'ZZZZ9999Z'`)).toHaveLength(0);
  });

  it("takes every state of the machine", async () => {
    const taken: string[] = [];
    for (const status of [...APPLICATION_STATUSES, "draft"]) {
      await h.db.execute(sql`update applications set status = ${status} where id = ${id}`);
      taken.push(await statusOf());
    }
    expect(taken).toEqual([...APPLICATION_STATUSES, "draft"]);
  });
});
