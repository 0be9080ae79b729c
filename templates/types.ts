/**
 * Props of the printed documents: plain data (strings, numbers, booleans), no database types, so
 * the app can build them from whatever it loaded. Instants are ISO-8601 strings (UTC); calendar
 * dates are "yyyy-MM-dd". Everything is printed in the office's time zone.
 */

export type DocumentKind = "application" | "decision_grant" | "decision_refusal" | "annulment_notice" | "journal_extract" | "revocation_act" | "lifting_act";

/** A language the paper can be printed in: Kyrgyz, the state language, and Russian, the official one. */
export type PaperLanguage = "ky" | "ru";

/** One fixed text in every paper language: a missing language fails the typecheck. */
export type Translated = Record<PaperLanguage, string>;

/** What issuing the document in the database produced (workflows/documents). */
export interface DocumentMeta {
  id: string;
  /** e.g. "0003-DG-2026-000042" (docs/decisions/020-printed-documents.md). */
  number: string;
  issuedAt: string;
  /** SHA-256 hex of the issued content; its prefix goes into the QR code. */
  contentHash: string;
  /** Public origin of the verification page, e.g. "https://cabinet.example.kg". */
  baseUrl: string;
  /** Set on a reprint: the copy says «ДУБЛИКАТ» with this date. */
  reprintedAt?: string | null;
  /** IANA zone every instant of the document is printed in: the issuing office's (workflows/documents). */
  timeZone: string;
  /**
   * The languages of the fixed text, in print order (Kyrgyz first): the installation's choice
   * (PAPER_LANGUAGES), passed in by whoever renders; the stored payload does not depend on it.
   */
  languages: readonly PaperLanguage[];
}

export interface OfficeInfo {
  code: string;
  name: string;
  address: string;
  headName: string;
  /** IANA zone of the office; the document prints in DocumentMeta.timeZone, made from it. */
  timeZone?: string;
}

export type SubjectType = "individual" | "entrepreneur" | "legal_entity" | "foreign_resident";

export interface SubjectInfo {
  inn: string;
  name: string;
  type: SubjectType;
}

/** A staff member's rank, printed in the paper's languages. */
export type StaffRank = "inspector" | "supervisor";

export interface StaffRef {
  fullName: string;
  /** The rank, worded by the paper in its languages (recorded since the paper is bilingual). */
  rank?: StaffRank | null;
  /** A position as written, printed as is: what papers issued before `rank` stored, in Russian. */
  position?: string | null;
}

export type RequestKind = "grant" | "restore" | "annul";

/** Who certified a power of attorney (R4): worded by the paper in its languages. */
export type PoaCertifier = "notary" | "employer" | "hospital" | "detention_facility";

export interface PowerOfAttorney {
  number: string;
  date: string;
  /** Which kind of certifier; absent from papers issued before the paper was bilingual. */
  certifier?: PoaCertifier | null;
  /** The certifier's name as typed (with `certifier`), or, on an older paper, kind and name in Russian. */
  certifiedBy: string;
}

export interface AcceptanceMark {
  incomingNumber: string;
  acceptedAt: string;
  officeName: string;
  inspector: StaffRef;
}

export interface ApplicationProps {
  document: DocumentMeta;
  /** The office that accepted it; null while it is only saved online. */
  office: OfficeInfo | null;
  requestKind: RequestKind;
  /** The generated application code (R6). */
  code: string;
  createdAt: string;
  subject: SubjectInfo;
  /** Head of a legal entity; `position` only on papers issued before the bilingual paper («Руководитель»). */
  head?: { fullName: string; position?: string | null } | null;
  representative?: {
    fullName: string;
    identityDocument: string;
    powerOfAttorney: PowerOfAttorney;
  } | null;
  /** For an applicant under 14. */
  legalRepresentative?: {
    fullName: string;
    birthCertificate: string;
    passport: string;
  } | null;
  contacts: { phone: string; email: string };
  /**
   * How the applicant asked to be told of the application's progress (issue #18), to the phone or
   * e-mail printed above it. Absent only from papers issued before the choice existed (reprinted
   * as they were).
   */
  notices?: "email" | "sms" | "none";
  /** For annulment: the login to annul (if the subject knows it). */
  login?: string | null;
  acceptance?: AcceptanceMark | null;
}

/** What a grant did to the access: created it, replaced the password of an active one, gave an annulled one back. */
export type GrantEffect = "first_grant" | "restoration" | "reinstatement";

export interface DecisionGrantProps {
  document: DocumentMeta;
  office: OfficeInfo;
  subject: SubjectInfo;
  /** What the applicant asked for. */
  requestKind: "grant" | "restore";
  /**
   * What was decided, as the decision recorded it; the paper's wording follows this, not the
   * request. Absent only from papers issued before it was recorded (reprinted as they were).
   */
  effect?: GrantEffect;
  /** The application decided on: its incoming number and acceptance time. */
  application: { incomingNumber: string; acceptedAt: string; code: string };
  decidedAt: string;
  login: string;
  inspector: StaffRef;
}

export type EvidenceKind = "fictitious_entrepreneurship" | "fictitious_supplies";

export interface EvidenceRef {
  kind: EvidenceKind;
  number: string;
  date: string;
  issuer: string;
}

export type RefusalGround = { ground: "no_registration" } | { ground: "fictitious_activity"; evidence: EvidenceRef[] };

/**
 * Where and within what time a refusal can be appealed (issue 17): the installation's setting (or
 * the default of templates/labels.ts) in every paper language, fixed in the refusal's payload when
 * it is issued, so a reprint prints what was issued (decision 059).
 */
export interface AppealRoute {
  /** The body that hears the appeal (a superior tax authority, the court). */
  body: Translated;
  /** The time limit and from when it runs. */
  timeLimit: Translated;
  /** Where the appeal is filed. */
  address: Translated;
}

export interface DecisionRefusalProps {
  document: DocumentMeta;
  office: OfficeInfo;
  subject: SubjectInfo;
  requestKind: "grant" | "restore";
  application: { incomingNumber: string; acceptedAt: string; code: string };
  decidedAt: string;
  /** At least one ground of R9. */
  grounds: RefusalGround[];
  inspector: StaffRef;
  /** The appeal route as issued; absent from refusals issued before it was printed (reprinted without it). */
  appeal?: AppealRoute;
}

export type AnnulmentBasis =
  | {
      kind: "on_request";
      application: { incomingNumber: string; acceptedAt: string };
      enteredAt: string;
      inspector: StaffRef;
    }
  | {
      kind: "fictitious_activity";
      evidence: EvidenceRef[];
      proposedBy: StaffRef;
      proposedAt: string;
      approvedBy: StaffRef;
      approvedAt: string;
    }
  | { kind: "online_refusal"; requestedAt: string; accessEndsAt: string }
  | {
      /** An annulment application that found the access annulled earlier: nothing annulled by it. */
      kind: "already_annulled";
      application: { incomingNumber: string; acceptedAt: string };
      /** How the earlier annulment happened, when recorded. */
      earlier: "on_request" | "fictitious_activity" | "online_refusal" | "revoked_decision" | null;
      closedAt: string;
      inspector: StaffRef;
    };

export interface AnnulmentNoticeProps {
  document: DocumentMeta;
  office: OfficeInfo;
  subject: SubjectInfo;
  login: string;
  /** The instant access ends (entry, approval, or the start of the next day for online refusal); for an already annulled access, its earlier annulment. */
  effectiveAt: string;
  basis: AnnulmentBasis;
}

export interface JournalEventRow {
  at: string;
  /**
   * The event in words in every paper language (the caller maps journal actions to text); a plain
   * string is an extract issued before the paper was bilingual, in Russian, printed as is.
   */
  event: Translated | string;
  officeName: string | null;
  /** e.g. «инспектор», «заявитель», «система»; a plain string as for `event`. */
  role: Translated | string;
}

export interface JournalExtractProps {
  document: DocumentMeta;
  office: OfficeInfo | null;
  subject: SubjectInfo;
  period: { from: string; to: string };
  events: JournalEventRow[];
  preparedBy?: StaffRef | null;
  /**
   * The RFC 3161 time stamps that covered the printed entries when the extract was issued
   * (decision 062): per chain, the newest anchor at or past the subject's last entry in it, and the
   * chains none covered yet. Absent on extracts issued before anchoring (nothing is printed).
   */
  anchoring?: { covered: ExtractAnchor[]; uncovered: string[] };
}

export interface ExtractAnchor {
  chain: string;
  seq: number;
  /** ISO-8601: the TSA's time. */
  tsaTime: string;
  /** The token's serial number (hex), as the TSA numbered it. */
  serial: string;
}

export interface DocumentPropsByKind {
  application: ApplicationProps;
  decision_grant: DecisionGrantProps;
  decision_refusal: DecisionRefusalProps;
  annulment_notice: AnnulmentNoticeProps;
  journal_extract: JournalExtractProps;
  revocation_act: RevocationActProps;
  lifting_act: LiftingActProps;
}

/** Decision 063: the act lifting evidence of fictitious activity, numbered with the approval (series LF). */
export interface LiftingActProps {
  document: DocumentMeta;
  office: OfficeInfo;
  subject: SubjectInfo;
  evidence: EvidenceRef;
  /** The document that lifts it (a court's acquittal…), as the proposing supervisor entered it. */
  basis: { number: string; date: string; issuer: string };
  reason: string;
  proposedBy: StaffRef;
  proposedAt: string;
  approvedBy: StaffRef;
  approvedAt: string;
}

/** What an approved revocation of a grant did to the access (decision 063); null for a revoked refusal. */
export type RevocationEffect = "annulled" | "already_annulled" | "later_grant";

/** Decision 063: the act revoking a mistaken decision, numbered with the approval (series RV). */
export interface RevocationActProps {
  document: DocumentMeta;
  office: OfficeInfo;
  subject: SubjectInfo;
  revoked: { outcome: "granted" | "refused"; requestKind: "grant" | "restore"; number: string; decidedAt: string };
  /** As the proposing supervisor wrote it. */
  reason: string;
  effect: RevocationEffect | null;
  /** The login whose access ended (a revoked grant that annulled it). */
  login: string | null;
  proposedBy: StaffRef;
  proposedAt: string;
  approvedBy: StaffRef;
  approvedAt: string;
}
