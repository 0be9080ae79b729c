import type { ApplicationForm } from "./form";

/**
 * The verification checklist (R6). R6 points to п.9 of the Положение, which is not among the
 * sources, so the list is ours and configurable: docs/decisions/012-verification-checklist.md.
 */
export type ChecklistItem =
  | "form_complete"
  | "requisites_match"
  | "signer_identity"
  | "head_authority"
  | "foreign_residence_document"
  | "power_of_attorney"
  | "poa_certifier"
  | "birth_certificate"
  | "legal_rep_passport";

export interface ChecklistConfig {
  /** Items for every application. */
  always: ChecklistItem[];
  /** Extra items per subject type. */
  bySubjectType: Partial<Record<ApplicationForm["subjectType"], ChecklistItem[]>>;
  /** When a representative signs. */
  representative: ChecklistItem[];
  /** When the applicant is under 14. */
  minor: ChecklistItem[];
}

export const defaultChecklistConfig: ChecklistConfig = {
  always: ["form_complete", "requisites_match", "signer_identity"],
  bySubjectType: {
    legal_entity: ["head_authority"],
    foreign_resident: ["foreign_residence_document"],
  },
  representative: ["power_of_attorney", "poa_certifier"],
  minor: ["birth_certificate", "legal_rep_passport"],
};

/** The items the inspector must tick for this application, in a stable order. */
export function requiredChecklist(
  form: Pick<ApplicationForm, "subjectType"> & { representative?: unknown; minor?: unknown },
  config: ChecklistConfig = defaultChecklistConfig,
): ChecklistItem[] {
  const items = [...config.always, ...(config.bySubjectType[form.subjectType] ?? [])];
  if (form.representative) items.push(...config.representative);
  if (form.minor) items.push(...config.minor);
  return [...new Set(items)];
}
