import { restoreSnapshot } from "../lifecycle/runner";
import type { Ground } from "./grounds";
import { applicationMachine, type AccessFact, type ApplicationEvent } from "./machine";
import { applicationRefusals, type Refusal } from "./refusals";
import type { PresentFacts } from "./siblings";

/**
 * The steps a front-desk page can take on an application, and the one table from a step to the
 * machine's event. A page offers exactly the steps `allowedSteps` returns; its form posts the
 * step's name as `intent`, and the action runs the step's workflow function, which sends the
 * same event to the machine.
 */
export const DESK_STEPS = ["present", "accept", "return", "grant", "refuse", "enter"] as const;
export type DeskStep = (typeof DESK_STEPS)[number];

export function isDeskStep(value: unknown): value is DeskStep {
  return typeof value === "string" && (DESK_STEPS as readonly string[]).includes(value);
}

/** What a page knows when it offers steps: who acts, when, where, and the facts the guards read. */
export interface StepFacts {
  at: Date;
  by: string;
  officeCode: string;
  /** The checklist the application requires (R6): offering "accept" assumes it will be ticked. */
  required: string[];
  /** The R9 grounds the automatic checks found. */
  found: Ground[];
  /** The subject's access, for an annulment application (decision 047). */
  access?: AccessFact;
  /** The subject's other application at a desk and latest grant (decision 055). */
  present?: PresentFacts;
}

/** Each step's event with the facts the page knows; the workflow function builds the same event with the facts it reads under lock. */
export const STEP_EVENT: Record<DeskStep, (f: StepFacts) => ApplicationEvent> = {
  present: (f) => ({ type: "PRESENT", at: f.at.toISOString(), by: f.by, officeCode: f.officeCode, ...f.present }),
  accept: (f) => ({ type: "ACCEPT", at: f.at.toISOString(), by: f.by, incomingNumber: "", ticked: f.required, required: f.required, entryDueAt: null, access: f.access }),
  return: (f) => ({ type: "RETURN", at: f.at.toISOString(), by: f.by, reasons: ["—"], expiresAt: f.at.toISOString() }),
  grant: (f) => ({ type: "GRANT", at: f.at.toISOString(), by: f.by, found: f.found }),
  refuse: (f) => ({ type: "REFUSE", at: f.at.toISOString(), by: f.by, grounds: f.found, found: f.found }),
  enter: (f) => ({ type: "ENTER", at: f.at.toISOString(), by: f.by, access: f.access ?? { status: "none" }, noticeNumber: "" }),
};

/** The steps the machine allows from the stored snapshot, asked with `can()` one by one. */
export function allowedSteps(stored: unknown, facts: StepFacts): DeskStep[] {
  const snapshot = restoreSnapshot(applicationMachine, stored);
  return DESK_STEPS.filter((step) => snapshot.can(STEP_EVENT[step](facts)));
}

/** Why the machine would refuse to present the application now: its guard's own message, or null when it may. */
export function presentRefusal(stored: unknown, facts: StepFacts): Refusal | null {
  const snapshot = restoreSnapshot(applicationMachine, stored);
  const event = STEP_EVENT.present(facts);
  return snapshot.can(event) ? null : applicationRefusals.presentable(snapshot.context, event);
}
