import type { EvidenceKind, EvidenceRef, RefusalGround, RequestKind, SubjectType } from "./types";
import { calendarDate } from "./format";

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

/**
 * R9, ground by ground: the letter the regulation gives it and its words. A refusal cites a ground
 * by that letter, whichever grounds it rests on («(б)» alone, never «1.»); a new ground without a
 * letter or words fails the typecheck.
 */
export const GROUND_CLAUSE: Record<RefusalGround["ground"], { letter: "а" | "б"; text: string }> = {
  no_registration: { letter: "а", text: "отсутствие налоговой регистрации" },
  fictitious_activity: {
    letter: "б",
    text: "наличие документальных сведений об участии в лжепредпринимательской деятельности и фиктивных поставках",
  },
};

export const EVIDENCE_KIND: Record<EvidenceKind, string> = {
  fictitious_entrepreneurship: "участие в лжепредпринимательской деятельности",
  fictitious_supplies: "участие в фиктивных поставках",
};

/** «участие в фиктивных поставках: документ № 12/7 от 03.11.2025, выдан …». */
export function evidenceText(e: EvidenceRef): string {
  return `${EVIDENCE_KIND[e.kind]} — документ № ${e.number} от ${calendarDate(e.date)}, выдан: ${e.issuer}`;
}
