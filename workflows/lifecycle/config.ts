import { defaultChecklistConfig, type ChecklistConfig } from "../application/checklist";
import { DEFAULT_DRAFT_TTL_DAYS } from "../clock/deadlines";

/** Settings of the lifecycle an office may change: the draft lifetime and the R6 checklist. */
export interface LifecycleConfig {
  draftTtlDays: number;
  checklist: ChecklistConfig;
}

const envTtl = Number(process.env.DRAFT_TTL_DAYS);
export const lifecycleConfig: LifecycleConfig = {
  draftTtlDays: Number.isFinite(envTtl) && envTtl > 0 ? envTtl : DEFAULT_DRAFT_TTL_DAYS,
  checklist: defaultChecklistConfig,
};

export function configureLifecycle(patch: Partial<LifecycleConfig>): void {
  Object.assign(lifecycleConfig, patch);
}
