import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import { and, asc, eq, inArray, isNotNull, lte, notInArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { accessAccounts, annulments, offices, taxpayers } from "../../db/schema";
import type { Actor } from "../actor";
import { officeYear } from "../clock/deadlines";
import { sweepRows, type SweepFailure } from "../clock/sweeper";
import { issueDocument } from "../documents";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { applyAccountEvent } from "../lifecycle/runner";
import { takeNumber } from "../numbering";
import { checkHolder } from "./holder";

/**
 * UA seed: "починаючи з дня, що настає за днем надіслання" — access ends at the start of the
 * calendar day after the refusal was sent, in the office's time zone (23:59 -> 00:00 the next day;
 * 00:01 -> 00:00 the day after). Never the server process's zone.
 */
export function nextOfficeDayStart(at: Date, timeZone: string): Date {
  const local = new TZDate(at.getTime(), timeZone);
  return new Date(addDays(startOfDay(local), 1).getTime());
}

export interface RefusalResult {
  annulmentId: string;
  login: string;
  accessEndsAt: Date;
  /** The zone of the account's office, in which the end of access is told to the subject. */
  timeZone: string;
  /** The notice issued for the office and the subject (printed on demand, verifiable by QR). */
  notice: { id: string; number: string; contentHash: string };
}

/**
 * The subject refuses electronic interaction online, authenticated by login and password (through
 * the Cabinet's API or the public page). The password is checked before any lock is taken (Argon2 is
 * slow); inside the transaction the account is locked and its hash must be the one checked. The
 * notice is issued in the same transaction, numbered in the office's series, by the system.
 */
export async function refuseElectronicInteraction(
  db: Db,
  actor: Actor,
  credentials: { login: string; password: string },
  now: Date,
): Promise<RefusalResult> {
  const account = await checkHolder(db, credentials, "refusal.invalid_credentials");

  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(accessAccounts).where(eq(accessAccounts.id, account.id)).for("update");
    if (row.passwordHash !== account.hash) throw new WorkflowError("stale", "record.changed_by_someone_else");
    if (row.status === "annulled") throw new WorkflowError("conflict", "refusal.account_annulled");
    const pending = (row.snapshot as { context?: { refusal?: { endsAt: string } | null } }).context?.refusal;
    if (pending) throw new WorkflowError("conflict", "refusal.already_pending", { accessEndsAt: pending.endsAt });
    const [office] = await tx.select().from(offices).where(eq(offices.code, row.officeCode));
    const accessEndsAt = nextOfficeDayStart(now, office.timeZone);
    const number = await takeNumber(tx, row.officeCode, "annulment_notice", officeYear(now, office.timeZone));
    const [annulment] = await tx
      .insert(annulments)
      .values({ accountId: row.id, officeCode: row.officeCode, kind: "online_refusal", status: "scheduled", proposedAt: now, effectiveAt: accessEndsAt, number })
      .returning({ id: annulments.id });
    const step = applyAccountEvent(
      row.snapshot,
      { type: "REFUSE_ONLINE", at: now.toISOString(), endsAt: accessEndsAt.toISOString(), annulmentId: annulment.id },
      "refusal.not_allowed",
    );
    await tx
      .update(accessAccounts)
      .set({ snapshot: step.persisted as unknown, accessEndsAt, version: row.version + 1, updatedAt: now })
      .where(eq(accessAccounts.id, row.id));
    await appendJournal(tx, {
      actor,
      officeCode: row.officeCode,
      action: "account.refusal_received",
      subjectInn: row.inn,
      entityType: "account",
      entityId: row.login,
      before: { status: step.before, accessEndsAt: null },
      after: { status: step.after, accessEndsAt: accessEndsAt.toISOString(), annulmentId: annulment.id },
    });
    const [subject] = await tx.select().from(taxpayers).where(eq(taxpayers.inn, row.inn));
    const notice = await issueDocument(
      tx,
      { type: "system" },
      {
        kind: "annulment_notice",
        officeCode: row.officeCode,
        subjectInn: row.inn,
        sourceId: annulment.id,
        number,
        payload: {
          office: { code: office.code, name: office.name, address: office.address, headName: office.headName, timeZone: office.timeZone },
          subject: { inn: row.inn, name: subject?.name ?? row.inn, type: subject?.subjectType ?? "individual" },
          login: row.login,
          effectiveAt: accessEndsAt.toISOString(),
          basis: { kind: "online_refusal", requestedAt: now.toISOString(), accessEndsAt: accessEndsAt.toISOString() },
        },
      },
      now,
    );
    return { annulmentId: annulment.id, login: row.login, accessEndsAt, timeZone: office.timeZone, notice: { id: notice.id, number: notice.number, contentHash: notice.contentHash } };
  });
}

/**
 * After the boundary the account is annulled in the records (also one the holder locked since,
 * decision 060) (the credential check already answers
 * inactive from `access_ends_at`, so this only tidies the state). Rows are claimed with SKIP LOCKED
 * and the journal entry carries an idempotency key, so several processes end each access once. A
 * batch journals office by office and an account that cannot be ended is skipped and reported, as
 * the deadline sweeper does (sweepRows).
 */
export async function endRefusedAccess(db: Db, now: Date, batch = 100): Promise<{ ended: number; failed: SweepFailure[] }> {
  const claim = (tx: Tx, skip: string[], limit: number) =>
    tx
      .select()
      .from(accessAccounts)
      .where(
        and(
          inArray(accessAccounts.status, ["active", "locked"]),
          isNotNull(accessAccounts.accessEndsAt),
          lte(accessAccounts.accessEndsAt, now),
          skip.length ? notInArray(accessAccounts.id, skip) : undefined,
        ),
      )
      .orderBy(asc(accessAccounts.accessEndsAt))
      .limit(limit)
      .for("update", { skipLocked: true });
  const { handled, failed } = await sweepRows(db, batch, "access_end", claim, async (tx, row) => {
    const step = applyAccountEvent(row.snapshot, { type: "END_ACCESS", at: now.toISOString() });
    const annulmentId = (row.snapshot as { context: { refusal: { annulmentId: string } } }).context.refusal.annulmentId;
    await tx
      .update(accessAccounts)
      .set({ status: "annulled", passwordHash: null, snapshot: step.persisted as unknown, version: row.version + 1, updatedAt: now })
      .where(eq(accessAccounts.id, row.id));
    await tx.update(annulments).set({ status: "entered", decidedAt: now }).where(eq(annulments.id, annulmentId));
    await appendJournal(tx, {
      actor: { type: "system" },
      officeCode: row.officeCode,
      action: "account.access_ended",
      subjectInn: row.inn,
      entityType: "account",
      entityId: row.login,
      before: { status: step.before },
      after: { status: step.after, kind: "online_refusal", annulmentId },
      idempotencyKey: `access-ended:${annulmentId}`,
    });
    return true;
  });
  return { ended: handled, failed };
}
