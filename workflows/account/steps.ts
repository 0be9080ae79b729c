import { restoreSnapshot } from "../lifecycle/runner";
import { accountMachine, type AccountEvent } from "./machine";

/**
 * The steps staff pages take on an access account (R21): propose an annulment for fictitious
 * activity (the subject card), approve or reject it (the approvals page). A page offers exactly
 * what `allowedAccountSteps` returns, asked from the stored snapshot with can().
 */
export const ACCOUNT_STEPS = ["propose", "approve", "reject"] as const;
export type AccountStep = (typeof ACCOUNT_STEPS)[number];

export interface AccountStepFacts {
  at: Date;
  by: string;
  role: string;
  /** Recorded evidence of fictitious activity for the subject: a proposal names one. */
  evidenceIds: string[];
}

export const ACCOUNT_STEP_EVENT: Record<AccountStep, (f: AccountStepFacts) => AccountEvent> = {
  propose: (f) => ({ type: "PROPOSE_FICTITIOUS", at: f.at.toISOString(), by: f.by, evidenceId: f.evidenceIds[0] ?? "", annulmentId: "—" }),
  approve: (f) => ({ type: "APPROVE", at: f.at.toISOString(), by: f.by, role: f.role }),
  // The page asks for the reason; offering the step assumes one will be given.
  reject: (f) => ({ type: "REJECT", at: f.at.toISOString(), by: f.by, role: f.role, reason: "—" }),
};

export function allowedAccountSteps(stored: unknown, facts: AccountStepFacts): AccountStep[] {
  const snapshot = restoreSnapshot(accountMachine, stored);
  return ACCOUNT_STEPS.filter((step) => snapshot.can(ACCOUNT_STEP_EVENT[step](facts)));
}
