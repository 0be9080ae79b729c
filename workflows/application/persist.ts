import { requireUuid } from "../lifecycle/ids";
import { eq, sql, type SQL } from "drizzle-orm";
import { finalStatement, queryRows, type Tx } from "../../db/client";
import { accessAccounts, applications, type GrantEffect } from "../../db/schema";
import { changedColumns, rowOf, statementPerShape, updateValues, versionedUpdateSql } from "../../db/statement-shapes";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import type { JournalAction } from "../journal/actions";
import { chainOf, entriesShape, entriesSql, entriesValues, lockHeadSql, type EntriesShape, type JournalInput } from "../journal/append";
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
const lockWithFactsStatement = statementPerShape(
  () => sql`select ${applications}.*, ${subjectFactsSql(sql`${applications.inn}`)} as facts,
                   (select row_to_json(a) from (select id, login, status, snapshot, version
                                                from access_accounts acc where acc.inn = ${applications.inn}) a) as account
            from ${applications} where ${applications.id} = ${sql.placeholder("id")}::uuid
            for update of ${applications}`,
);

export async function lockApplicationWithFacts(
  tx: Tx,
  id: string,
  opts?: RunOptions,
): Promise<{ row: AppRow; facts: SubjectFacts; account: AccountSeen | null }> {
  requireUuid(id, "application.not_found");
  const [found] = await queryRows<Record<string, unknown> & { facts: unknown; account: unknown }>(tx, lockWithFactsStatement(null, { id }));
  if (!found) throw new WorkflowError("not_found", "application.not_found");
  const row = rowOf(applications, found);
  checkVersion(row.version, opts);
  const account = (typeof found.account === "string" ? JSON.parse(found.account) : found.account) as AccountSeen | null;
  return { row, facts: subjectFactsFrom(found.facts), account };
}

/** What a transition writes to the application's row (its version is checked and moved by the update). */
export function applicationChanges(
  row: AppRow,
  step: ReturnType<typeof applyApplicationEvent>,
  extra: Partial<typeof applications.$inferInsert> = {},
): Partial<typeof applications.$inferInsert> {
  // Object.assign rather than a spread followed by keys: Node 20 adds each such key through a slow
  // path (about 0.7 µs a key, measured in isolation).
  return Object.assign(columnsFrom(step.next.context), extra, {
    status: step.after,
    snapshot: step.persisted as unknown,
    version: row.version + 1,
  });
}

/** The application's version-checked update, the same text the decision's statement carries. */
const applicationWriteStatement = statementPerShape((columns: string[]) => versionedUpdateSql(applications, columns, "app_"));

/** Writes a transition to the application's row, or fails if someone else changed it since it was read. */
export async function writeApplication(tx: Tx, row: AppRow, step: ReturnType<typeof applyApplicationEvent>, extra: Partial<typeof applications.$inferInsert> = {}) {
  const changes = applicationChanges(row, step, extra);
  const updated = await queryRows(tx, applicationWriteStatement(changedColumns(changes), updateValues(applications, changes, row, "app_")));
  if (updated.length !== 1) throw new WorkflowError("stale", "record.changed_by_someone_else");
}

/** An application's journal entry. */
function applicationEntry(actor: Actor, row: AppRow, officeCode: string | null, action: JournalAction, before: object, after: object): JournalInput {
  return {
    actor,
    officeCode,
    action,
    subjectInn: row.inn,
    entityType: "application",
    entityId: row.id,
    before,
    after,
  };
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
): JournalInput {
  return Object.assign(applicationEntry(actor, row, officeCode, action, { status: step.before }, { status: step.after, ...after }), {
    withDecision: true as const,
  });
}

/** Why a decision's statement failed the transaction when the account it wrote was not as read. */
export const ACCOUNT_NOT_WRITTEN = "decision: the subject's account changed since it was read";

/**
 * A grant's write of the subject's account: a new account inserted only if its INN and login are
 * free, or the one read updated only at the version read.
 */
export type AccountWrite =
  | {
      kind: "insert";
      inn: string;
      login: string;
      passwordHash: string;
      snapshot: unknown;
      officeCode: string;
      at: Date;
    }
  | {
      kind: "update";
      id: string;
      version: number;
      changes: Partial<typeof accessAccounts.$inferInsert>;
    };

/** What decides the decision statement's text (db/statement-shapes.ts). */
interface DecisionShape {
  outcome: DecisionInput["outcome"];
  account: "none" | "insert" | string[];
  application: string[];
  entries: EntriesShape;
}

const accountInsertSql = sql`(insert into access_accounts (inn, login, password_hash, status, snapshot, office_code, created_at, updated_at)
       values (${sql.placeholder("acc_inn")}::varchar, ${sql.placeholder("acc_login")}::text, ${sql.placeholder("acc_password_hash")}::text, 'active',
               ${sql.placeholder("acc_snapshot")}::jsonb, ${sql.placeholder("acc_office_code")}::text, ${sql.placeholder(
  "acc_at",
)}::timestamptz, ${sql.placeholder("acc_at")}::timestamptz)
       on conflict do nothing
       returning id)`;

function accountSql(account: DecisionShape["account"]): SQL {
  if (account === "none") return sql`(select null::uuid as id)`;
  if (account === "insert") return accountInsertSql;
  return sql`(${versionedUpdateSql(accessAccounts, account, "acc_")})`;
}

function accountValues(write: AccountWrite | undefined): Record<string, unknown> {
  if (!write) return {};
  if (write.kind === "update") return updateValues(accessAccounts, write.changes, write, "acc_");
  return {
    acc_inn: write.inn,
    acc_login: write.login,
    acc_password_hash: write.passwordHash,
    acc_snapshot: JSON.stringify(write.snapshot),
    acc_office_code: write.officeCode,
    acc_at: write.at.toISOString(),
  };
}

/**
 * Updates the decided application (and a grant's account), takes the office's next decision
 * number, inserts the decision, locks the office's journal chain head and writes the decision's
 * entries, in one statement and in that order (number counter, then head, as every transition
 * takes them, so two cannot deadlock). The statement checks its own writes, since the transaction
 * ends with it: the application is locked since the first statement and every office's chain head
 * exists (migration 0003).
 */
const decisionStatement = statementPerShape(
  (shape: DecisionShape) => sql`with application as (${versionedUpdateSql(applications, shape.application, "app_")}),
        account as ${accountSql(shape.account)},
        num as (${takeNumberSql(sql`${sql.placeholder("office_code")}::text`, decisionSeries(shape.outcome), sql`${sql.placeholder("year")}`)}),
        decision as (
          insert into decisions (application_id, office_code, number, outcome, grounds, login, effect, decided_by, decided_at)
          select ${sql.placeholder("application_id")}::uuid, ${sql.placeholder("office_code")}::text, num.number,
                 ${shape.outcome}::decision_outcome, ${sql.placeholder("grounds")}::jsonb, ${sql.placeholder("login")}::text, ${sql.placeholder(
    "effect",
  )}::grant_effect,
                 ${sql.placeholder("decided_by")}::uuid, ${sql.placeholder("decided_at")}::timestamptz
          from num
          returning id, number, office_code
        ), head as (${lockHeadSql(sql`(select office_code from decision)`)}),
        ${entriesSql(shape.entries)}
        select decision.id, decision.number,
               case when (select count(*) from account) <> 1 then fail_statement(${ACCOUNT_NOT_WRITTEN})
                    when (select count(*) from application) = 1 and (select count(*) from entries) = ${shape.entries.count} then 1
                    else fail_statement('decision not written whole: application changed or journal head missing') end as whole
        from decision`,
);

/**
 * The decision's statement (above), the transaction's final one, sent with COMMIT right behind
 * it: the two hot per-office rows are held for this statement and the commit only. Entries
 * `withDecision` get the new decision's id and number.
 */
export async function insertDecision(
  tx: Tx,
  d: DecisionInput,
  writes: {
    application: {
      row: AppRow;
      changes: Partial<typeof applications.$inferInsert>;
    };
    /** A grant's account write: it must write one row, or the statement fails with ACCOUNT_NOT_WRITTEN. */
    account?: AccountWrite;
  },
  entries: JournalInput[],
): Promise<{ id: string; number: string }> {
  const shape: DecisionShape = {
    outcome: d.outcome,
    account: !writes.account ? "none" : writes.account.kind === "insert" ? "insert" : changedColumns(writes.account.changes),
    application: changedColumns(writes.application.changes),
    entries: entriesShape(entries),
  };
  const [row] = await finalStatement<{ id: string; number: string }>(
    tx,
    decisionStatement(
      shape,
      Object.assign(
        updateValues(applications, writes.application.changes, writes.application.row, "app_"),
        accountValues(writes.account),
        entriesValues(chainOf(d.officeCode), entries),
        {
          office_code: d.officeCode,
          year: d.year,
          application_id: d.applicationId,
          grounds: JSON.stringify(d.grounds),
          login: d.login,
          effect: d.effect,
          decided_by: d.decidedBy,
          decided_at: d.decidedAt.toISOString(),
        },
      ),
    ),
  );
  return { id: row.id, number: row.number };
}
