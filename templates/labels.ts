import type { EvidenceKind, EvidenceRef, RequestKind, SubjectType } from "./types";
import { shortDate } from "./format";

export const SUBJECT_TYPE: Record<SubjectType, string> = {
  individual: "физическое лицо",
  entrepreneur: "индивидуальный предприниматель",
  legal_entity: "юридическое лицо",
  foreign_resident: "иностранное лицо (нерезидент)",
};

export const REQUEST_TITLE: Record<RequestKind, string> = {
  grant: "о предоставлении доступа",
  restore: "о восстановлении доступа",
  annul: "об аннулировании доступа",
};

export const SYSTEM_NAME = "к информационной системе «Кабинет налогоплательщика»";

/** R9 in the regulation's words. */
export const GROUND_TEXT = {
  no_registration: "отсутствие налоговой регистрации",
  fictitious_activity: "наличие документальных сведений об участии в лжепредпринимательской деятельности и фиктивных поставках",
} as const;

export const EVIDENCE_KIND: Record<EvidenceKind, string> = {
  fictitious_entrepreneurship: "участие в лжепредпринимательской деятельности",
  fictitious_supplies: "участие в фиктивных поставках",
};

/** «участие в фиктивных поставках: документ № 12/7 от 03.11.2025, выдан …». */
export function evidenceText(e: EvidenceRef): string {
  return `${EVIDENCE_KIND[e.kind]} — документ № ${e.number} от ${shortDate(e.date)}, выдан: ${e.issuer}`;
}
