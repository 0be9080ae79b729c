import { requireUuid } from "../lifecycle/ids";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { applications } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { checkVersion, type applyApplicationEvent, type RunOptions } from "../lifecycle/runner";
import type { ApplicationContext } from "./machine";

export type AppRow = typeof applications.$inferSelect;

const dateOrNull = (s: string | null) => (s ? new Date(s) : null);

/** The denormalised columns, always derived from the machine's context so they cannot drift. */
function columnsFrom(ctx: ApplicationContext) {
  return {
    officeCode: ctx.officeCode,
    expiresAt: new Date(ctx.expiresAt),
    presentedAt: dateOrNull(ctx.presentedAt),
    presentedBy: ctx.presentedBy,
    decisionWarnAt: dateOrNull(ctx.decisionWarnAt),
    decisionDueAt: dateOrNull(ctx.decisionDueAt),
    acceptedAt: dateOrNull(ctx.acceptedAt),
    acceptedBy: ctx.acceptedBy,
    incomingNumber: ctx.incomingNumber,
    entryDueAt: dateOrNull(ctx.entryDueAt),
    closedAt: dateOrNull(ctx.closedAt),
    closedBy: ctx.closedBy,
  };
}

export async function lockApplication(tx: Tx, id: string, opts?: RunOptions): Promise<AppRow> {
  requireUuid(id, "application.not_found");
  const [row] = await tx.select().from(applications).where(eq(applications.id, id)).for("update");
  if (!row) throw new WorkflowError("not_found", "application.not_found");
  checkVersion(row.version, opts);
  return row;
}

export async function writeApplication(
  tx: Tx,
  row: AppRow,
  step: ReturnType<typeof applyApplicationEvent>,
  extra: Partial<typeof applications.$inferInsert> = {},
) {
  const updated = await tx
    .update(applications)
    .set({
      ...columnsFrom(step.next.context),
      ...extra,
      status: step.after,
      snapshot: step.persisted as unknown,
      version: row.version + 1,
    })
    .where(sql`${applications.id} = ${row.id} and ${applications.version} = ${row.version}`)
    .returning({ id: applications.id });
  if (updated.length !== 1) throw new WorkflowError("stale", "record.changed_by_someone_else");
}

export function journalApp(tx: Tx, actor: Actor, row: AppRow, officeCode: string | null, action: string, before: object, after: object) {
  return appendJournal(tx, {
    actor,
    officeCode,
    action,
    subjectInn: row.inn,
    entityType: "application",
    entityId: row.id,
    before,
    after,
  });
}

