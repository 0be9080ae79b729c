import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applications } from "../../db/schema";
import type { Actor } from "../actor";
import { deadlineState, entryClock, type DeadlineState } from "../clock/deadlines";
import { lifecycleConfig } from "../lifecycle/config";
import { requireOfficeStaff, type OfficeRef } from "../lifecycle/office";
import { accessFact, accountByInn } from "../account/access";
import { deskDetails } from "../printing/queries";
import { requiredChecklist } from "./checklist";
import { runChecks, type CheckResult } from "./checks";
import { getApplication, type ApplicationView } from "./queries";
import { handOverSteps, type HandOverStep } from "../handover";
import { openSiblings, presentFacts, type SiblingApplication } from "./siblings";
import { allowedSteps, presentRefusal, type DeskStep } from "./steps";
import type { Refusal } from "./refusals";
import { revocationOf } from "../corrections/service";
import { decisionStanding, type Standing } from "../acts/standing";

/** A running clock as a page shows it: instants from workflows/clock, never constants. */
export interface ClockView {
  warnAt: Date;
  dueAt: Date;
  state: DeadlineState;
}

export type DeskView =
  | {
      forbidden: false;
      app: ApplicationView;
      checks: CheckResult;
      required: string[];
      /** The decision clock (R14) of an open grant or restore; the entry clock (R20) of an accepted annulment. */
      clocks: { decision: ClockView | null; entry: ClockView | null };
      /** When lateness was recorded (by the act or the sweeper): the page says the act was late. */
      lateSince: Date | null;
      /** Exactly the steps the machine allows now, asked with can(). */
      steps: DeskStep[];
      details: Awaited<ReturnType<typeof deskDetails>>;
      /** The subject's other applications still open, each a link for the inspector (decision 055). */
      siblings: SiblingApplication[];
      /** Why a draft or returned application cannot be presented now (the guard's own message), if it cannot. */
      presentBlocked: Refusal | null;
      /** What the inspector may record of the decision's hand-over now (R11): the hand-over machine's allowed events. */
      handOverSteps: HandOverStep[];
      /** Whether the decision still has effect: the same answer /verify and /status give (decision 061). */
      standing: Standing | null;
    }
  | { forbidden: true; office: OfficeRef | null };

/**
 * Everything the front-desk page shows of one application, computed here so that the page only
 * renders it: the record, the checks (R9, R13), the checklist (R6), both clocks, the papers and
 * the steps the machine allows. Another office learns only that the application exists and where
 * it belongs (R13).
 */
export async function deskView(db: Db, actor: Actor, applicationId: string, now: Date): Promise<DeskView | null> {
  const staff = requireOfficeStaff(actor);
  const app = await getApplication(db, applicationId);
  if (!app) return null;
  const checks = await runChecks(db, staff, app.id);
  if (!checks.officeMatches) return { forbidden: true, office: checks.office };
  const [stored] = await db.select({ snapshot: applications.snapshot, overdueRecordedAt: applications.overdueRecordedAt }).from(applications).where(eq(applications.id, app.id));
  const required = requiredChecklist({ subjectType: app.subjectType, representative: app.form.representative, minor: app.form.minor }, lifecycleConfig.checklist);
  const state = deadlineState(app, now);
  // What accepting or entering an annulment application finds of the subject's access (decision 047).
  const access = app.requestKind === "annul" ? accessFact(await accountByInn(db, app.inn, false)) : undefined;
  const open = app.status === "presented" || app.status === "accepted";
  const present = app.status === "draft" || app.status === "returned" ? await presentFacts(db, app) : undefined;
  const stepFacts = { at: now, by: staff.id, officeCode: staff.officeCode, required, found: checks.grounds, access, present };
  return {
    forbidden: false,
    app,
    checks,
    required,
    clocks: {
      decision: open && app.decisionDueAt ? { warnAt: app.decisionWarnAt ?? app.decisionDueAt, dueAt: app.decisionDueAt, state } : null,
      entry: app.status === "accepted" && app.entryDueAt ? { ...entryClock(app.entryDueAt), state } : null,
    },
    lateSince: stored.overdueRecordedAt,
    steps: allowedSteps(stored.snapshot, stepFacts),
    details: await deskDetails(db, app),
    siblings: await openSiblings(db, app),
    presentBlocked: present ? presentRefusal(stored.snapshot, stepFacts) : null,
    standing: app.decision ? await decisionStanding(db, app.decision, app.inn, now) : null,
    handOverSteps: app.decision
      ? handOverSteps(app.decision.handOver, app.decision.decidedAt, now, staff.id, (await revocationOf(db, app.decision.id)) !== null)
      : [],
  };
}
