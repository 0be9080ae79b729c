import { defaultChecklistConfig, type ChecklistConfig } from "../application/checklist";
import { DEFAULT_DRAFT_TTL_DAYS, DEFAULT_HAND_OVER_DUE_MINUTES } from "../clock/deadlines";

/** Settings of the lifecycle an office may change: the draft lifetime, the R6 checklist, the hand-over wait (R11). */
export interface LifecycleConfig {
  draftTtlDays: number;
  /** Minutes after a decision from which a copy not handed over is listed on the board. */
  handOverDueMinutes: number;
  checklist: ChecklistConfig;
}

/** The defaults; the app sets DRAFT_TTL_DAYS and HANDOVER_DUE_MINUTES at start (entry.server.tsx). */
export const lifecycleConfig: LifecycleConfig = {
  draftTtlDays: DEFAULT_DRAFT_TTL_DAYS,
  handOverDueMinutes: DEFAULT_HAND_OVER_DUE_MINUTES,
  checklist: defaultChecklistConfig,
};

export function configureLifecycle(patch: Partial<LifecycleConfig>): void {
  Object.assign(lifecycleConfig, patch);
}
