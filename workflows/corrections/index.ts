export { correctionMachine, correctionSnapshot, type CorrectionContext, type CorrectionEvent, type CorrectionState, type LiftingDocument } from "./machine";
export { correctionRefusals } from "./refusals";
export { approveCorrection, correctionSteps, correctionsOf, mayPropose, pendingCorrections, proposeCorrection, rejectCorrection, revocationOf, targetCorrections, type Proposal } from "./service";
