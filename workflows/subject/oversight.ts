import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Actor } from "../actor";
import { annulments, applications, corrections, decisions } from "../../db/schema";
import { deadlineState } from "../clock/deadlines";
import { waitingPastDue } from "../handover/service";
import { requireOfficeStaff } from "../lifecycle/office";
import { jurisdictionOf } from "./jurisdiction";

export interface OfficeOverview {
  officeCode: string;
  /** Open applications on a clock (decision or annulment entry), and how many are near or past it. */
  open: number;
  warning: number;
  overdue: number;
  /** Fictitious-activity proposals and corrections waiting for a supervisor of the office. */
  proposals: number;
  corrections: number;
  /** Decisions whose copy is still not handed over past the hand-over time (R11). */
  handOvers: number;
}

/**
 * One row per office for a regional or national supervisor's board (decision 067): the same
 * clocks (deadlineState) and the same hand-over rule (waitingPastDue) as each office's own board,
 * counted for all the offices at once: every office the supervisor sees, their own first, read from
 * their jurisdiction here rather than taken from the caller (decision 074).
 */
export async function officesOverview(db: Db, actor: Actor, now: Date): Promise<OfficeOverview[]> {
  const staff = requireOfficeStaff(actor, ["supervisor"]);
  const officeCodes = (await jurisdictionOf(db, staff)).offices.map((o) => o.code);
  const [open, proposals, pendingCorrections, handOvers] = await Promise.all([
    db
      .select({
        officeCode: applications.officeCode,
        status: applications.status,
        decisionWarnAt: applications.decisionWarnAt,
        decisionDueAt: applications.decisionDueAt,
        entryDueAt: applications.entryDueAt,
      })
      .from(applications)
      .where(and(inArray(applications.officeCode, officeCodes), inArray(applications.status, ["presented", "accepted"]))),
    db
      .select({ officeCode: annulments.officeCode, n: count() })
      .from(annulments)
      .where(and(inArray(annulments.officeCode, officeCodes), eq(annulments.kind, "fictitious_activity"), eq(annulments.status, "proposed")))
      .groupBy(annulments.officeCode),
    db
      .select({ officeCode: corrections.officeCode, n: count() })
      .from(corrections)
      .where(and(inArray(corrections.officeCode, officeCodes), eq(corrections.status, "proposed")))
      .groupBy(corrections.officeCode),
    db.select({ officeCode: decisions.officeCode, n: count() }).from(decisions).where(waitingPastDue(officeCodes, now)).groupBy(decisions.officeCode),
  ]);
  const countOf = (rows: { officeCode: string | null; n: number }[], code: string) => Number(rows.find((r) => r.officeCode === code)?.n ?? 0);
  return officeCodes.map((code) => {
    const states = open.filter((a) => a.officeCode === code).map((a) => deadlineState(a, now));
    return {
      officeCode: code,
      open: states.length,
      warning: states.filter((s) => s === "warning").length,
      overdue: states.filter((s) => s === "overdue").length,
      proposals: countOf(proposals, code),
      corrections: countOf(pendingCorrections, code),
      handOvers: countOf(handOvers, code),
    };
  });
}
