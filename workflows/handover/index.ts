export { handOverMachine, handOverSnapshot, handOverSteps, type HandOverEvent, type HandOverState, type HandOverStep } from "./machine";
export { HAND_OVER_STEPS, isHandOverStep, recordHandOver, waitingHandOvers, type WaitingHandOver } from "./service";
