import type {
  AnnulmentNoticeProps,
  ApplicationProps,
  DecisionGrantProps,
  DecisionRefusalProps,
  DocumentKind,
  DocumentMeta,
  DocumentPropsByKind,
  JournalExtractProps,
  OfficeInfo,
  LiftingActProps,
  RevocationActProps,
} from "../../../templates";
import { APPEAL_PARTS, APPEAL_TEXT_LIMIT, DEFAULT_APPEAL_ROUTE } from "../../../templates";

/** Hostile but plausible data: the worst a form or a registry import could deliver. */
const longName =
  `Общество с ограниченной ответственностью «Түндүк-Өнөр "Ңаар" Trading & Logistics International» ` +
  "Бишкекский филиал по оптовой и розничной торговле строительными материалами, оборудованием, запасными частями и комплектующими, " +
  "а также по оказанию транспортно-экспедиционных услуг 🚚✨";
export const LONG_NAME = longName.slice(0, 300);
export const UNBROKEN = "Ө".repeat(40) + "ңүAbc".repeat(20);
export const PERSON = `Үсөнбаева Айгүл Ңурбековна "O'Connor" 👩‍💻`;
export const LOGIN = "kb-2f7q9x4m";

export const office: OfficeInfo = {
  code: "0003",
  name: "Управление ГНС по Первомайскому району г. Бишкек",
  address: "720040, г. Бишкек, ул. Токтогула, 125/1, каб. 104",
  headName: "Жээнбеков Нурлан Өмүрбекович",
  timeZone: "Asia/Bishkek",
};

export function meta(over: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    id: "7c6f5d1e-2b1a-4c3d-9e8f-0a1b2c3d4e5f",
    number: "0003-DG-2026-000042",
    issuedAt: "2026-03-05T08:07:00.000Z",
    contentHash: "9f2c1e0b7a6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3928170605f4e3",
    baseUrl: "https://cabinet.salyk.example.kg",
    timeZone: "Asia/Bishkek",
    languages: ["ky", "ru"],
    ...over,
  };
}

const INSPECTOR_ROLE = { ky: "инспектор", ru: "инспектор" };
const inspector = { fullName: "Асанов Бакыт Ңуралиевич", rank: "inspector" } as const;
const supervisor = { fullName: "Мамытова Гүлзат Өмүровна", rank: "supervisor" } as const;

export const application: ApplicationProps = {
  document: meta({ number: "0003-IN-2026-000311" }),
  office,
  requestKind: "grant",
  code: "K7QM-ZR4X-HTP9",
  createdAt: "2026-03-04T12:15:00.000Z",
  subject: { inn: "02212198701234", name: LONG_NAME, type: "legal_entity" },
  head: { fullName: PERSON },
  representative: {
    fullName: `${UNBROKEN} Smith-Токтогулов`,
    identityDocument: "паспорт ID 1234567, выдан МКК 211041 от 12.05.2019",
    powerOfAttorney: { number: "Д-77/2026", date: "2026-02-20", certifier: "notary", certifiedBy: "Бишкекский нотариальный округ, Ж. Т. Ормонова" },
  },
  legalRepresentative: null,
  contacts: { phone: "+996 555 12-34-56", email: "o'connor+tax@example.kg" },
  notices: "email",
  acceptance: {
    incomingNumber: "0003-IN-2026-000311",
    acceptedAt: "2026-03-05T08:01:00.000Z",
    officeName: office.name,
    inspector,
  },
};

export const decisionGrant: DecisionGrantProps = {
  document: meta(),
  office,
  subject: { inn: "12709198500123", name: PERSON, type: "individual" },
  requestKind: "grant",
  effect: "first_grant",
  application: { incomingNumber: "0003-IN-2026-000311", acceptedAt: "2026-03-05T08:01:00.000Z", code: "K7QM-ZR4X-HTP9" },
  decidedAt: "2026-03-05T08:07:00.000Z",
  login: LOGIN,
  inspector,
};

export const decisionRefusal: DecisionRefusalProps = {
  document: meta({ number: "0003-DR-2026-000005" }),
  office,
  subject: { inn: "02212198701234", name: LONG_NAME, type: "legal_entity" },
  requestKind: "grant",
  application: { incomingNumber: "0003-IN-2026-000312", acceptedAt: "2026-03-05T09:30:00.000Z", code: "P3WX-7YTR-MN4C" },
  decidedAt: "2026-03-05T09:41:00.000Z",
  grounds: [
    { ground: "no_registration" },
    {
      ground: "fictitious_activity",
      evidence: [
        { kind: "fictitious_supplies", number: "12/7-ФП", date: "2025-11-03", issuer: "Служба экономических расследований при Министерстве финансов КР" },
        { kind: "fictitious_entrepreneurship", number: "«44»-Л", date: "2026-01-15", issuer: UNBROKEN },
      ],
    },
  ],
  inspector,
  appeal: DEFAULT_APPEAL_ROUTE,
};

export const annulmentOnRequest: AnnulmentNoticeProps = {
  document: meta({ number: "0003-AN-2026-000003" }),
  office,
  subject: { inn: "12709198500123", name: PERSON, type: "individual" },
  login: LOGIN,
  effectiveAt: "2026-03-06T04:00:00.000Z",
  basis: {
    kind: "on_request",
    application: { incomingNumber: "0003-IN-2026-000400", acceptedAt: "2026-03-05T10:00:00.000Z" },
    enteredAt: "2026-03-06T04:00:00.000Z",
    inspector,
  },
};

export const annulmentFictitious: AnnulmentNoticeProps = {
  document: meta({ number: "0003-AN-2026-000004" }),
  office,
  subject: { inn: "02212198701234", name: LONG_NAME, type: "legal_entity" },
  login: "kb-9h3k2m7p",
  effectiveAt: "2026-03-07T06:30:00.000Z",
  basis: {
    kind: "fictitious_activity",
    evidence: [
      { kind: "fictitious_supplies", number: "12/7-ФП", date: "2025-11-03", issuer: "Служба экономических расследований при Министерстве финансов КР" },
    ],
    proposedBy: inspector,
    proposedAt: "2026-03-07T05:10:00.000Z",
    approvedBy: supervisor,
    approvedAt: "2026-03-07T06:30:00.000Z",
  },
};

export const annulmentOnline: AnnulmentNoticeProps = {
  document: meta({ number: "0003-AN-2026-000005" }),
  office,
  subject: { inn: "12709198500123", name: PERSON, type: "individual" },
  login: LOGIN,
  effectiveAt: "2026-03-08T18:00:00.000Z",
  basis: { kind: "online_refusal", requestedAt: "2026-03-08T15:20:00.000Z", accessEndsAt: "2026-03-08T18:00:00.000Z" },
};

/** A second annulment application: the access was annulled before it was entered (decision 047). */
export const annulmentAlreadyAnnulled: AnnulmentNoticeProps = {
  document: meta({ number: "0003-AN-2026-000006" }),
  office,
  subject: { inn: "12709198500123", name: PERSON, type: "individual" },
  login: LOGIN,
  effectiveAt: "2026-03-06T04:00:00.000Z",
  basis: {
    kind: "already_annulled",
    application: { incomingNumber: "0003-IN-2026-000401", acceptedAt: "2026-03-05T10:30:00.000Z" },
    earlier: "on_request",
    closedAt: "2026-03-06T05:15:00.000Z",
    inspector,
  },
};

export const journalExtract: JournalExtractProps = {
  document: meta({ number: "0003-JE-2026-000001" }),
  office,
  subject: { inn: "12709198500123", name: PERSON, type: "individual" },
  period: { from: "2026-03-01T00:00:00.000Z", to: "2026-03-08T18:00:00.000Z" },
  events: [
    {
      at: "2026-03-04T12:15:00.000Z",
      event: { ky: "Кирүү укугун берүү жөнүндө арыз онлайн сакталды", ru: "Заявление о предоставлении доступа сохранено онлайн" },
      officeName: null,
      role: { ky: "арыз берүүчү", ru: "заявитель" },
    },
    { at: "2026-03-05T08:00:00.000Z", event: { ky: "Арыз салык органына берилди", ru: "Заявление представлено в налоговый орган" }, officeName: office.name, role: INSPECTOR_ROLE },
    { at: "2026-03-05T08:01:00.000Z", event: { ky: "Арыз кабыл алынды, кирүүчү № 0003-IN-2026-000311", ru: "Заявление принято, входящий № 0003-IN-2026-000311" }, officeName: office.name, role: INSPECTOR_ROLE },
    {
      at: "2026-03-05T08:07:00.000Z",
      event: { ky: `Кирүү укугун берүү жөнүндө чечим, логин ${LOGIN}`, ru: `Решение о предоставлении доступа, логин ${LOGIN}` },
      officeName: office.name,
      role: INSPECTOR_ROLE,
    },
    { at: "2026-03-05T08:08:00.000Z", event: { ky: "Чечим басылып чыгарылды", ru: "Решение напечатано" }, officeName: office.name, role: INSPECTOR_ROLE },
    {
      at: "2026-03-08T15:20:00.000Z",
      event: { ky: "Электрондук өз ара аракеттенүүдөн баш тартуу 🙅", ru: `Отказ от электронного взаимодействия 🙅 «${UNBROKEN}»` },
      officeName: null,
      role: { ky: "субъект", ru: "субъект" },
    },
  ],
  preparedBy: inspector,
};

/** Decision 063: a grant revoked as mistaken; the access it gave is annulled with the approval. */
export const revocationAct: RevocationActProps = {
  document: meta({ number: "0003-RV-2026-000001" }),
  office,
  subject: { inn: "12709198500123", name: PERSON, type: "individual" },
  revoked: { outcome: "granted", requestKind: "grant", number: "0003-DG-2026-000017", decidedAt: "2026-03-05T08:07:00.000Z" },
  reason: "Ошибка реестра: решение принято по заявлению другого субъекта с совпадающим ИНН; выявлено при сверке 10.03.2026.",
  effect: "annulled",
  login: LOGIN,
  proposedBy: supervisor,
  proposedAt: "2026-03-10T05:00:00.000Z",
  approvedBy: { fullName: "Жумабеков Эрлан Ңурланович", rank: "supervisor" },
  approvedAt: "2026-03-10T06:30:00.000Z",
};

/** Decision 063: evidence lifted on a court's acquittal. */
export const liftingAct: LiftingActProps = {
  document: meta({ number: "0003-LF-2026-000001" }),
  office,
  subject: { inn: "02212198701234", name: LONG_NAME, type: "legal_entity" },
  evidence: { kind: "fictitious_supplies", number: "СЭР-17/2025", date: "2025-11-20", issuer: "Служба экономических расследований при Министерстве финансов КР" },
  basis: { number: "1-245/2026", date: "2026-02-27", issuer: "Первомайский районный суд г. Бишкек (оправдательный приговор)" },
  reason: "Оправдательный приговор вступил в законную силу.",
  proposedBy: supervisor,
  proposedAt: "2026-03-10T05:00:00.000Z",
  approvedBy: { fullName: "Жумабеков Эрлан Ңурланович", rank: "supervisor" },
  approvedAt: "2026-03-10T06:30:00.000Z",
};

export const samples: { name: string; kind: DocumentKind; props: DocumentPropsByKind[DocumentKind] }[] = [
  { name: "application", kind: "application", props: application },
  {
    name: "application-online",
    kind: "application",
    props: {
      ...application,
      office: null,
      acceptance: null,
      requestKind: "restore",
      representative: null,
      subject: { inn: "12709198500123", name: PERSON, type: "individual" },
      head: null,
      notices: "sms",
    },
  },
  {
    name: "application-annul",
    kind: "application",
    props: {
      ...application,
      requestKind: "annul",
      login: LOGIN,
      representative: null,
      legalRepresentative: { fullName: PERSON, birthCertificate: "I-АН № 654321 от 01.06.2013", passport: "AN 7654321" },
      subject: { inn: "22806201300111", name: "Үсөнбаев Ңурсултан", type: "individual" },
      head: null,
      notices: "none",
    },
  },
  { name: "decision-grant", kind: "decision_grant", props: decisionGrant },
  {
    name: "decision-grant-duplicate",
    kind: "decision_grant",
    props: { ...decisionGrant, requestKind: "restore", effect: "restoration", document: meta({ reprintedAt: "2026-04-01T09:00:00.000Z" }) },
  },
  // Decision 046: a restore request from a subject who never had access is granted as a first grant.
  { name: "decision-grant-restore-request-first-grant", kind: "decision_grant", props: { ...decisionGrant, requestKind: "restore", effect: "first_grant" } },
  { name: "decision-grant-reinstatement", kind: "decision_grant", props: { ...decisionGrant, effect: "reinstatement" } },
  { name: "decision-refusal", kind: "decision_refusal", props: decisionRefusal },
  { name: "annulment-on-request", kind: "annulment_notice", props: annulmentOnRequest },
  { name: "annulment-fictitious", kind: "annulment_notice", props: annulmentFictitious },
  { name: "annulment-online-refusal", kind: "annulment_notice", props: annulmentOnline },
  { name: "annulment-already-annulled", kind: "annulment_notice", props: annulmentAlreadyAnnulled },
  { name: "journal-extract", kind: "journal_extract", props: journalExtract },
  { name: "revocation-act", kind: "revocation_act", props: revocationAct },
  { name: "lifting-act", kind: "lifting_act", props: liftingAct },
  { name: "revocation-act-refusal", kind: "revocation_act", props: { ...revocationAct, document: meta({ number: "0003-RV-2026-000002" }), revoked: { ...revocationAct.revoked, outcome: "refused", number: "0003-DR-2026-000005" }, effect: null, login: null } },
];

/**
 * The longest a form lets each field be: workflows/application/form.ts (names, documents, the
 * certifier 300; numbers 100), workflows/annulment/evidence.ts (number 100, issuer 300),
 * workflows/admin/offices.ts (office name and address 300, head 200), workflows/auth/staff.ts
 * (staff name 200), workflows/registry/row.ts (registry name 300); an e-mail address 254 (RFC 5321).
 */
export const LIMIT = { name: 300, text: 300, number: 100, officeName: 300, officeAddress: 300, officeHead: 200, staff: 200, email: 254 } as const;

/** Plausible words repeated up to exactly `length` characters (Kyrgyz letters included). */
export function fill(words: string, length: number): string {
  let out = words;
  while (out.length < length) out += ` ${words}`;
  return out.slice(0, length).trimEnd().padEnd(length, "ы");
}

const APPEAL_WORDS = {
  ky: "Кыргыз Республикасынын Финансы министрлигине караштуу Мамлекеттик салык кызматынын Чүй облусу боюнча башкармалыгы",
  ru: "Управление Государственной налоговой службы при Министерстве финансов Кыргызской Республики по Чуйской области",
};
const PERSON_WORDS = "Үсөнбаева-Токтогулова Айгүл-Ңурия Ңурбековна кызы";
const ENTITY_WORDS =
  "Общество с ограниченной ответственностью «Түндүк-Өнөр Курулуш Соода» Бишкекский филиал по оптовой и розничной торговле строительными материалами";
const OFFICE_WORDS = "Управление Государственной налоговой службы по Ленинскому району города Бишкек (Центр обслуживания налогоплательщиков № 2)";
const ADDRESS_WORDS = "720040, Кыргызская Республика, город Бишкек, Ленинский район, улица Токтогула, дом 125/1, бизнес-центр «Өрнөк», кабинет 104";
const ISSUER_WORDS = "Служба экономических расследований при Министерстве финансов Кыргызской Республики, управление по городу Бишкек";

type Fictitious = Extract<AnnulmentNoticeProps["basis"], { kind: "fictitious_activity" }>;
type Sample = { name: string; kind: DocumentKind; props: DocumentPropsByKind[DocumentKind] };

/** An ordinary application of a legal entity through a representative: the most fields a form has, each of a usual length. */
const ordinaryApplication: ApplicationProps = {
  ...application,
  subject: { inn: "02212198701234", name: "ОсОО «Түндүк-Өнөр Курулуш Соода»", type: "legal_entity" },
  head: { fullName: "Токтогулов Нурбек Өмүрбекович" },
  representative: {
    fullName: "Үсөнбаева Айгүл Ңурбековна",
    identityDocument: "паспорт ID 1234567, выдан МКК 211041 от 12.05.2019",
    powerOfAttorney: { number: "Д-77/2026", date: "2026-02-20", certifier: "notary", certifiedBy: "Ормонова Ж. Т., Бишкекский нотариальный округ" },
  },
  contacts: { phone: "+996 555 12-34-56", email: "buhgalter@tundük-onor.kg" },
};

const ordinaryEvidence = { kind: "fictitious_supplies", number: "12/7-ФП", date: "2025-11-03", issuer: "Служба экономических расследований при Министерстве финансов КР" } as const;
const ordinaryRefusal: DecisionRefusalProps = {
  ...decisionRefusal,
  requestKind: "restore",
  subject: ordinaryApplication.subject,
  grounds: [{ ground: "no_registration" }, { ground: "fictitious_activity", evidence: [ordinaryEvidence, { ...ordinaryEvidence, kind: "fictitious_entrepreneurship", number: "44-Л" }] }],
};
const ordinaryAnnulment: AnnulmentNoticeProps = { ...annulmentFictitious, subject: ordinaryApplication.subject, basis: { ...(annulmentFictitious.basis as Fictitious), evidence: [ordinaryEvidence] } };

/**
 * Each typed field at its limit, one at a time, on an otherwise ordinary paper (the fit-one-page
 * test): the longest a form lets through. All of them at their limits at once
 * is no real paper (a 300-character name, head, representative, document and certifier): the
 * `allAtTheirLimits` papers show it runs onto a second sheet per copy, as the Russian paper did.
 */
export function oneAtItsLimit(): Sample[] {
  const application = ordinaryApplication;
  const out: Sample[] = [];
  const add = <K extends DocumentKind>(kind: K, base: DocumentPropsByKind[K], field: string, change: (p: DocumentPropsByKind[K]) => DocumentPropsByKind[K]) =>
    out.push({ name: `${kind}: ${field}`, kind, props: change(structuredClone(base)) });
  const person = fill(PERSON_WORDS, LIMIT.name);
  const officeFields = <P extends { office: OfficeInfo | null }>(kind: DocumentKind, base: P, which = "") => {
    for (const [field, change] of [
      ["office name", (o: OfficeInfo) => ({ ...o, name: fill(OFFICE_WORDS, LIMIT.officeName) })],
      ["office address", (o: OfficeInfo) => ({ ...o, address: fill(ADDRESS_WORDS, LIMIT.officeAddress) })],
      ["office head", (o: OfficeInfo) => ({ ...o, headName: fill(PERSON_WORDS, LIMIT.officeHead) })],
    ] as const)
      add(kind, base as never, `${which}${field}`, ((p: P) => ({ ...p, office: change(p.office ?? office) })) as never);
  };
  // The application of a legal entity through a representative: the most fields a form has.
  add("application", application, "subject name", (p) => ({ ...p, subject: { ...p.subject, name: fill(ENTITY_WORDS, LIMIT.name) } }));
  add("application", application, "head", (p) => ({ ...p, head: { fullName: person } }));
  add("application", application, "e-mail", (p) => ({ ...p, contacts: { ...p.contacts, email: `${fill("omurbek.toktogulov", 64).replace(/ /g, ".")}@${fill("leninskii-filial", 185).replace(/ /g, ".")}.kg`.slice(0, LIMIT.email) } }));
  add("application", application, "representative", (p) => ({ ...p, representative: { ...p.representative!, fullName: person } }));
  add("application", application, "identity document", (p) => ({
    ...p,
    representative: { ...p.representative!, identityDocument: fill("паспорт гражданина Кыргызской Республики ID 1234567, выдан МКК 211041", LIMIT.text) },
  }));
  add("application", application, "power of attorney number", (p) => ({
    ...p,
    representative: { ...p.representative!, powerOfAttorney: { ...p.representative!.powerOfAttorney, number: fill("Д-77/2026-Бишкек", LIMIT.number) } },
  }));
  add("application", application, "certifier", (p) => ({
    ...p,
    representative: {
      ...p.representative!,
      powerOfAttorney: { ...p.representative!.powerOfAttorney, certifier: "detention_facility", certifiedBy: fill("Исправительное учреждение № 47 Службы исполнения наказаний", LIMIT.text) },
    },
  }));
  add("application", application, "inspector", (p) => ({ ...p, acceptance: { ...p.acceptance!, inspector: { fullName: fill(PERSON_WORDS, LIMIT.staff) } } }));
  officeFields("application", application);
  const minor: ApplicationProps = {
    ...application,
    requestKind: "annul",
    login: LOGIN,
    subject: { inn: "22806201300111", name: PERSON, type: "individual" },
    head: null,
    representative: null,
    legalRepresentative: { fullName: PERSON, birthCertificate: "I-АН № 654321 от 01.06.2013", passport: "AN 7654321" },
  };
  add("application", minor, "minor's name", (p) => ({ ...p, subject: { ...p.subject, name: person } }));
  add("application", minor, "legal representative", (p) => ({ ...p, legalRepresentative: { ...p.legalRepresentative!, fullName: person } }));
  add("application", minor, "birth certificate", (p) => ({ ...p, legalRepresentative: { ...p.legalRepresentative!, birthCertificate: fill("I-АН № 654321, Ленинский ЗАГС", LIMIT.number) } }));
  add("application", minor, "representative's passport", (p) => ({ ...p, legalRepresentative: { ...p.legalRepresentative!, passport: fill("AN 7654321, МКК 211041", LIMIT.number) } }));

  const reinstated: DecisionGrantProps = { ...decisionGrant, effect: "reinstatement", document: meta({ reprintedAt: "2026-04-01T09:00:00.000Z" }) };
  add("decision_grant", reinstated, "subject name", (p) => ({ ...p, subject: { ...p.subject, name: person } }));
  add("decision_grant", reinstated, "inspector", (p) => ({ ...p, inspector: { ...p.inspector, fullName: fill(PERSON_WORDS, LIMIT.staff) } }));
  officeFields("decision_grant", reinstated);

  const evidence = (kind: "fictitious_supplies" | "fictitious_entrepreneurship") => ({
    kind,
    number: fill("12/7-ФП-2025/Бишкек", LIMIT.number),
    date: "2025-11-03",
    issuer: fill(ISSUER_WORDS, LIMIT.text),
  });
  const refusal = ordinaryRefusal;
  add("decision_refusal", refusal, "subject name", (p) => ({ ...p, subject: { ...p.subject, name: fill(ENTITY_WORDS, LIMIT.name) } }));
  add("decision_refusal", refusal, "evidence", (p) => ({
    ...p,
    grounds: [{ ground: "no_registration" }, { ground: "fictitious_activity", evidence: [evidence("fictitious_supplies"), ordinaryEvidence] }],
  }));
  add("decision_refusal", refusal, "inspector", (p) => ({ ...p, inspector: { ...p.inspector, fullName: fill(PERSON_WORDS, LIMIT.staff) } }));
  officeFields("decision_refusal", refusal);
  // The appeal route an installation configures (APPEAL_*), each part at its limit in both languages.
  for (const part of APPEAL_PARTS) {
    add("decision_refusal", refusal, `appeal ${part}`, (p) => ({
      ...p,
      appeal: { ...p.appeal!, [part]: { ky: fill(APPEAL_WORDS.ky, APPEAL_TEXT_LIMIT), ru: fill(APPEAL_WORDS.ru, APPEAL_TEXT_LIMIT) } },
    }));
  }

  add("annulment_notice", ordinaryAnnulment, "subject name", (p) => ({ ...p, subject: { ...p.subject, name: fill(ENTITY_WORDS, LIMIT.name) } }));
  add("annulment_notice", ordinaryAnnulment, "evidence", (p) => ({ ...p, basis: { ...(p.basis as Fictitious), evidence: [evidence("fictitious_supplies")] } }));
  add("annulment_notice", ordinaryAnnulment, "proposing inspector", (p) => ({ ...p, basis: { ...(p.basis as Fictitious), proposedBy: { fullName: fill(PERSON_WORDS, LIMIT.staff), rank: "inspector" } } }));
  add("annulment_notice", ordinaryAnnulment, "approving supervisor", (p) => ({ ...p, basis: { ...(p.basis as Fictitious), approvedBy: { fullName: fill(PERSON_WORDS, LIMIT.staff), rank: "supervisor" } } }));
  officeFields("annulment_notice", ordinaryAnnulment);
  // The other papers have fewer rows under the same header: their longest name is what can push them over.
  for (const base of [annulmentOnRequest, annulmentAlreadyAnnulled, annulmentOnline]) {
    add("annulment_notice", base, `${base.basis.kind}: subject name`, (p) => ({ ...p, subject: { ...p.subject, name: person } }));
  }
  add("journal_extract", journalExtract, "subject name", (p) => ({ ...p, subject: { ...p.subject, name: person } }));
  add("journal_extract", journalExtract, "prepared by", (p) => ({ ...p, preparedBy: { fullName: fill(PERSON_WORDS, LIMIT.staff) } }));
  return out;
}

/** Every typed field of an application at its limit at once: no real paper, but it must stay whole. */
export function allAtTheirLimits(): Sample {
  const person = fill(PERSON_WORDS, LIMIT.name);
  const longOffice: OfficeInfo = { ...office, name: fill(OFFICE_WORDS, LIMIT.officeName), address: fill(ADDRESS_WORDS, LIMIT.officeAddress), headName: fill(PERSON_WORDS, LIMIT.officeHead) };
  const props: ApplicationProps = {
    ...application,
    office: longOffice,
    subject: { ...application.subject, name: fill(ENTITY_WORDS, LIMIT.name) },
    head: { fullName: person },
    contacts: { phone: "+996 (555) 12-34-56", email: `${fill("omurbek.toktogulov", 64).replace(/ /g, ".")}@${fill("leninskii-filial", 185).replace(/ /g, ".")}.kg`.slice(0, LIMIT.email) },
    notices: "email",
    representative: {
      fullName: person,
      identityDocument: fill("паспорт гражданина Кыргызской Республики ID 1234567, выдан МКК 211041", LIMIT.text),
      powerOfAttorney: { number: fill("Д-77/2026-Бишкек", LIMIT.number), date: "2026-02-20", certifier: "notary", certifiedBy: fill("Бишкекский нотариальный округ, нотариус Ормонова", LIMIT.text) },
    },
    acceptance: { ...application.acceptance!, officeName: longOffice.name, inspector: { fullName: fill(PERSON_WORDS, LIMIT.staff) } },
  };
  return { name: "application-all-at-limits", kind: "application", props };
}
