import { defaultChecklistConfig, type ChecklistConfig } from "../application/checklist";
import { DEFAULT_DRAFT_TTL_DAYS } from "../clock/deadlines";

/** Settings of the lifecycle an office may change: the draft lifetime and the R6 checklist. */
export interface LifecycleConfig {
  draftTtlDays: number;
  checklist: ChecklistConfig;
}

/** The defaults; the app sets DRAFT_TTL_DAYS at start (entry.server.tsx). */
export const lifecycleConfig: LifecycleConfig = {
  draftTtlDays: DEFAULT_DRAFT_TTL_DAYS,
  checklist: defaultChecklistConfig,
};

export function configureLifecycle(patch: Partial<LifecycleConfig>): void {
  Object.assign(lifecycleConfig, patch);
}
