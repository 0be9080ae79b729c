/** The lifecycle domain's public API: pages and routes call these, never the machines directly. */
export type { Actor, StaffActor, StaffRole } from "./actor";
export { WorkflowError, isWorkflowError, type WorkflowErrorCode } from "./errors";
export type { RunOptions } from "./lifecycle/runner";
export { lifecycleConfig, configureLifecycle, type LifecycleConfig } from "./lifecycle/config";
export { officeRef, responsibleOfficeRef, type OfficeRef } from "./lifecycle/office";

// Application: form, code, checklist, machine
export {
  applicationFormSchema,
  makeApplicationFormSchema,
  passwordProblems,
  subjectTypes,
  requestKinds,
  poaCertifiers,
  noticeChannels,
  type ApplicationForm,
  type ApplicationFormInput,
  type PasswordProblem,
} from "./application/form";
export { formatCode, normalizeCode, isValidCode, CODE_ALPHABET } from "./application/code";
export { requiredChecklist, defaultChecklistConfig, type ChecklistConfig, type ChecklistItem } from "./application/checklist";
export { applicationMachine, type ApplicationState, type RequestKind, type ApplicationContext } from "./application/machine";
export type { Ground } from "./application/grounds";
export { noticeContact, NOTICE_FALLBACK_LANGUAGE, type NoticeContact, type NoticeChannel, type NoticeLanguage } from "./application/contact";

// Application: events
export {
  submitApplication,
  type SubmitOptions,
  presentApplication,
  returnApplication,
  acceptApplication,
  grantAccess,
  refuseAccess,
} from "./application/service";
export { runChecks, type CheckResult, type EvidenceFact } from "./application/checks";
export { getApplication, findApplicationByInnAndCode, officeQueue, applicationsOfInn, type ApplicationView, type QueueItem } from "./application/queries";

// Access account and annulment
export { accountMachine, type AccountState } from "./account/machine";
export { normalizeLogin } from "./account/login";
export { enterAnnulment, proposeFictitiousAnnulment, approveAnnulment, rejectAnnulment } from "./annulment/service";
export { recordEvidence, evidenceInputSchema, makeEvidenceSchema, type EvidenceInput } from "./annulment/evidence";
export { pendingApprovals, subjectCard } from "./annulment/queries";

// Credentials and clocks
export { verifyCredentials, type CredentialAnswer } from "./credentials/verify";
export {
  deadlineState,
  decisionClock,
  annulmentEntryDue,
  entryLastDay,
  entryClock,
  proposalClock,
  clockState,
  DECISION_DUE_MINUTES,
  type DeadlineState,
} from "./clock/deadlines";
export { sweepDeadlines, type SweepResult, type SweepFailure, type SweepStep } from "./clock/sweeper";

// Four-eyes corrections (decision 063)
export { approveCorrection, correctionSteps, correctionsOf, mayPropose, pendingCorrections, proposeCorrection, rejectCorrection, revocationOf, targetCorrections, type Proposal } from "./corrections";
