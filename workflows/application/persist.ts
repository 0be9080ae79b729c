import { requireUuid } from "../lifecycle/ids";
import { eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { finalStatement, type Tx } from "../../db/client";
import { applications, type GrantEffect } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import type { JournalAction } from "../journal/actions";
import { chainOf, entriesSql, lockHeadSql, type JournalInput } from "../journal/append";
import { checkVersion, type applyApplicationEvent, type RunOptions } from "../lifecycle/runner";
import { subjectFactsFrom, subjectFactsSql, type SubjectFacts } from "./checks";
import type { Ground } from "./grounds";
import type { ApplicationContext } from "./machine";
import { decisionSeries, takeNumberSql } from "../numbering";

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

/** The subject's account as a grant reads it: not locked; its version is checked where it is written. */
export interface AccountSeen {
  id: string;
  login: string;
  status: "active" | "suspended" | "locked" | "annulled";
  snapshot: unknown;
  version: number;
}

/**
 * lockApplication, the subject's checks (subjectFacts) and the subject's account in one round
 * trip. The account is read, not locked: the statement that writes it checks its version (or, for
 * a new one, that no other appeared), and fails the transaction otherwise.
 */
export async function lockApplicationWithFacts(tx: Tx, id: string, opts?: RunOptions): Promise<{ row: AppRow; facts: SubjectFacts; account: AccountSeen | null }> {
  requireUuid(id, "application.not_found");
  const [found] = await tx
    .select({
      row: getTableColumns(applications),
      facts: subjectFactsSql(sql`${applications.inn}`),
      // Qualified by hand: drizzle writes a column of a one-table select without its table, and a
      // bare "inn" here would be the account's own.
      account: sql<unknown>`(select row_to_json(a) from (select id, login, status, snapshot, version from access_accounts acc where acc.inn = applications.inn) a)`,
    })
    .from(applications)
    .where(eq(applications.id, id))
    .for("update", { of: applications });
  if (!found) throw new WorkflowError("not_found", "application.not_found");
  checkVersion(found.row.version, opts);
  const account = (typeof found.account === "string" ? JSON.parse(found.account) : found.account) as AccountSeen | null;
  return { row: found.row, facts: subjectFactsFrom(found.facts), account };
}

/** The application's version-checked update, as a query a larger statement can carry (a decision's). */
export function applicationUpdate(
  tx: Tx,
  row: AppRow,
  step: ReturnType<typeof applyApplicationEvent>,
  extra: Partial<typeof applications.$inferInsert> = {},
) {
  return tx
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
}

export async function writeApplication(...args: Parameters<typeof applicationUpdate>) {
  const updated = await applicationUpdate(...args);
  if (updated.length !== 1) throw new WorkflowError("stale", "record.changed_by_someone_else");
}

/** An application's journal entry; `after` may be a jsonb expression of the writing statement. */
function applicationEntry(actor: Actor, row: AppRow, officeCode: string | null, action: JournalAction, before: object, after: object | SQL): JournalInput {
  return { actor, officeCode, action, subjectInn: row.inn, entityType: "application", entityId: row.id, before, after };
}

export function journalApp(tx: Tx, actor: Actor, row: AppRow, officeCode: string | null, action: JournalAction, before: object, after: object) {
  return appendJournal(tx, applicationEntry(actor, row, officeCode, action, before, after));
}


export interface DecisionInput {
  applicationId: string;
  officeCode: string;
  /** The office's calendar year of the decision: numbers are gapless per office, series and year. */
  year: number;
  outcome: "granted" | "refused";
  grounds: Ground[];
  login: string | null;
  /** What a grant did to the access (decision 046); null on a refusal. */
  effect: GrantEffect | null;
  decidedBy: string;
  decidedAt: Date;
}

/** How a decision's journal entries refer to its id and number, which its own statement makes. */
export interface DecisionRef {
  id: SQL;
  number: SQL;
}

/**
 * The decided application's journal entry: its status before and after, and the decision's id and
 * number added by the statement that makes them.
 */
export function decidedEntry(
  actor: Actor,
  officeCode: string,
  row: AppRow,
  step: ReturnType<typeof applyApplicationEvent>,
  action: JournalAction,
  after: object,
  decision: DecisionRef,
): JournalInput {
  const withDecision = sql`${JSON.stringify({ status: step.after, ...after })}::jsonb || jsonb_build_object('decisionId', ${decision.id}, 'decisionNumber', ${decision.number})`;
  return applicationEntry(actor, row, officeCode, action, { status: step.before }, withDecision);
}

/**
 * Updates the decided application (and a grant's account), takes the office's next decision number, inserts the decision,
 * locks the office's journal chain head and writes the decision's entries, in one statement and
 * in that order (number counter, then head, as every transition takes them, so two cannot
 * deadlock). It is the transaction's final statement, sent with COMMIT right behind it: the two
 * hot per-office rows are held for this statement and the commit only. `entries` builds the
 * journal entries from SQL references to the new decision.
 */
/** Why a decision's statement failed the transaction when the account it wrote was not as read. */
export const ACCOUNT_NOT_WRITTEN = "decision: the subject's account changed since it was read";

export async function insertDecision(
  tx: Tx,
  d: DecisionInput,
  writes: {
    application: ReturnType<typeof applicationUpdate>;
    /** A grant's account write in parentheses (`returning id`): one row, or the statement fails with ACCOUNT_NOT_WRITTEN. */
    account?: SQL;
  },
  entries: (decision: DecisionRef) => JournalInput[],
): Promise<{ id: string; number: string }> {
  const inSql = entries({ id: sql`(select id from decision)`, number: sql`(select number from decision)` });
  const [row] = await finalStatement<{ id: string; number: string }>(
    tx,
    // drizzle puts the embedded update in parentheses itself.
    sql`with application as ${writes.application}, account as ${writes.account ?? sql`(select null::uuid as id)`}, num as (${takeNumberSql(d.officeCode, decisionSeries(d.outcome), d.year)}), decision as (
          insert into decisions (application_id, office_code, number, outcome, grounds, login, effect, decided_by, decided_at)
          select ${d.applicationId}::uuid, ${d.officeCode}, num.number,
                 ${d.outcome}::decision_outcome, ${JSON.stringify(d.grounds)}::jsonb, ${d.login}::text, ${d.effect}::grant_effect,
                 ${d.decidedBy}::uuid, ${d.decidedAt.toISOString()}::timestamptz
          from num
          returning id, number, office_code
        ), head as (${lockHeadSql(sql`(select office_code from decision)`)}),
        ${entriesSql(chainOf(d.officeCode), inSql)}
        -- The statement checks its own writes, since the transaction ends with it: the application is
        -- locked since the first statement and every office's chain head exists (migration 0003).
        select decision.id, decision.number,
               case when (select count(*) from account) <> 1 then fail_statement(${ACCOUNT_NOT_WRITTEN})
                    when (select count(*) from application) = 1 and (select count(*) from entries) = ${inSql.length} then 1
                    else fail_statement('decision not written whole: application changed or journal head missing') end as whole
        from decision`,
  );
  return { id: row.id, number: row.number };
}
