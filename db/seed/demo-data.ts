import { companyName, entrepreneurName, foreignResidentName, personName } from "./names";
import { organisationInn, personInn, Prng, randomDate } from "./random";

/**
 * The demo data set: territorial tax offices, their staff, and a taxpayer registry. Everything is
 * fixed or drawn from a seeded generator, so the same INNs exist on every fresh install and tests,
 * the README and the browser tests can name them. See docs/decisions/031-demo-data.md.
 */

export const DEMO_OFFICES = [
  {
    code: "002",
    name: "Управление ГНС по Ленинскому району г. Бишкек",
    address: "720040, г. Бишкек, ул. Льва Толстого, 17",
    headName: "Абдыкадыров Нурлан Жумабекович",
  },
  {
    code: "003",
    name: "Управление ГНС по Октябрьскому району г. Бишкек",
    address: "720044, г. Бишкек, ул. Ахунбаева, 119",
    headName: "Сатыбалдиева Гүлнара Токтосуновна",
  },
  {
    code: "004",
    name: "Управление ГНС по Первомайскому району г. Бишкек",
    address: "720021, г. Бишкек, ул. Киевская, 96",
    headName: "Осмонов Бакыт Асылбекович",
  },
  {
    code: "008",
    name: "Управление ГНС по г. Ош",
    address: "723500, г. Ош, ул. Ленина, 221",
    headName: "Төлөгөнов Өмүрбек Эсенгулович",
  },
] as const;

export type DemoOfficeCode = (typeof DEMO_OFFICES)[number]["code"];

/** Regions of the demo offices (decision 067): Bishkek's three districts, and Osh. */
export const DEMO_REGIONS = [
  { code: "BSH", name: "г. Бишкек", offices: ["002", "003", "004"] },
  { code: "OSH", name: "г. Ош", offices: ["008"] },
] as const satisfies readonly { code: string; name: string; offices: readonly DemoOfficeCode[] }[];

/** Short names used in the usernames (inspector.lenin, supervisor.osh, ...). */
const officeSlug: Record<DemoOfficeCode, string> = { "002": "lenin", "003": "oktyabr", "004": "pervomay", "008": "osh" };

/**
 * Demo staff accounts. The passwords are public on purpose (README): they exist only in the demo
 * data set, and an administrator replaces them on a real installation.
 */
export const DEMO_PASSWORDS = {
  inspector: "Inspector-2026!",
  supervisor: "Supervisor-2026!",
  admin: "Admin-2026!",
} as const;

/**
 * The TOTP key of the demo supervisors and administrator (decision 065), public like the passwords:
 * put it into any authenticator app (base32, 30 s, 6 digits) to sign in as them, and the browser
 * tests compute their codes from it. A real installation never has it: demo data is loaded only
 * where asked for, and there every supervisor and administrator enrols their own key.
 */
export const DEMO_TOTP_KEY = "DEMOTOTPDEMOTOTPDEMOTOTPDEMOTOTP";

const inspectors: Record<DemoOfficeCode, string> = {
  "002": "Мамытова Айгерим Бакытовна",
  "003": "Исаков Эрлан Кубанычбекович",
  "004": "Кудайбергенова Бермет Сооронбаевна",
  "008": "Эшматов Улан Абдыраимович",
};
const supervisors: Record<DemoOfficeCode, string> = {
  "002": "Жумабеков Азамат Турдубекович",
  "003": "Мураталиева Жылдыз Асылбековна",
  "004": "Иманалиев Тилек Мамбетович",
  "008": "Сыдыкова Чолпон Бообековна",
};

export interface DemoStaff {
  username: string;
  fullName: string;
  role: "inspector" | "supervisor" | "admin";
  officeCode: DemoOfficeCode | null;
  password: string;
  /** A supervisor who sees a region's offices (decision 067); office by default. */
  jurisdiction?: "office" | "region" | "country";
  regionCode?: string;
}

export const DEMO_STAFF: DemoStaff[] = [
  ...DEMO_OFFICES.flatMap((o): DemoStaff[] => [
    { username: `inspector.${officeSlug[o.code]}`, fullName: inspectors[o.code], role: "inspector", officeCode: o.code, password: DEMO_PASSWORDS.inspector },
    { username: `supervisor.${officeSlug[o.code]}`, fullName: supervisors[o.code], role: "supervisor", officeCode: o.code, password: DEMO_PASSWORDS.supervisor },
  ]),
  // The head of Bishkek's offices: sees the boards and statistics of 002, 003 and 004, and acts
  // only where employed (R13). Employed at the Pervomay office, whose own supervisor stays its head.
  { username: "supervisor.bishkek", fullName: "Орозбаева Айнура Кадырбековна", role: "supervisor", officeCode: "004", password: DEMO_PASSWORDS.supervisor, jurisdiction: "region", regionCode: "BSH" },
  { username: "admin", fullName: "Ниязбеков Канат Эсенгулович", role: "admin", officeCode: null, password: DEMO_PASSWORDS.admin },
];

export type SubjectType = "individual" | "entrepreneur" | "legal_entity" | "foreign_resident";

export interface DemoTaxpayer {
  inn: string;
  name: string;
  subjectType: SubjectType;
  officeCode: DemoOfficeCode;
  registrationStatus: "registered" | "deregistered";
}

export interface DemoEvidence {
  inn: string;
  kind: "fictitious_entrepreneurship" | "fictitious_supplies";
  documentNumber: string;
  documentDate: string;
  issuer: string;
}

/** Named taxpayers: the ones tests, the README and the browser tests refer to. */
const FIXED_TAXPAYERS: DemoTaxpayer[] = [
  { inn: "21505199000011", name: "Асанов Бакыт Жумабекович", subjectType: "individual", officeCode: "002", registrationStatus: "registered" },
  { inn: "12208198500012", name: "ИП Мамытова Айгерим", subjectType: "entrepreneur", officeCode: "002", registrationStatus: "registered" },
  { inn: "01203201310013", name: "ОсОО «Ала-Тоо Трейд»", subjectType: "legal_entity", officeCode: "002", registrationStatus: "registered" },
  { inn: "20304197800014", name: "Ли Вэй", subjectType: "foreign_resident", officeCode: "002", registrationStatus: "registered" },
  { inn: "11707199200021", name: "Төлөгөнова Гүлзат Өмүрзак кызы", subjectType: "individual", officeCode: "003", registrationStatus: "registered" },
  { inn: "23011198100022", name: "ИП Үсөнбеков Нурлан", subjectType: "entrepreneur", officeCode: "003", registrationStatus: "registered" },
  { inn: "02506200810023", name: "ОАО «Ысык-Көл Агро»", subjectType: "legal_entity", officeCode: "003", registrationStatus: "registered" },
  { inn: "20909199400031", name: "Осмонов Мирлан Кубаныч уулу", subjectType: "individual", officeCode: "004", registrationStatus: "registered" },
  { inn: "11403198700032", name: "ИП Бейшеналиева Асель", subjectType: "entrepreneur", officeCode: "004", registrationStatus: "registered" },
  { inn: "01710201510033", name: "ОсОО «Жаңы Заман Курулуш»", subjectType: "legal_entity", officeCode: "004", registrationStatus: "registered" },
  { inn: "22812199000041", name: "Эшматов Чынгыз Абдыраимович", subjectType: "individual", officeCode: "008", registrationStatus: "registered" },
  { inn: "10502198300042", name: "ИП Сыдыкова Мээрим", subjectType: "entrepreneur", officeCode: "008", registrationStatus: "registered" },
  { inn: "00311201100043", name: "ОсОО «Ош Базар Сервис»", subjectType: "legal_entity", officeCode: "008", registrationStatus: "registered" },
  // Deregistered (R9 ground a) and with fictitious-activity evidence (R9 ground b).
  { inn: "21906197500051", name: "Кудайбергенов Темир Мамбетович", subjectType: "individual", officeCode: "002", registrationStatus: "deregistered" },
  { inn: "01502201900052", name: "ОсОО «Тоо-Таш Транс»", subjectType: "legal_entity", officeCode: "002", registrationStatus: "registered" },
  { inn: "22604198800053", name: "ИП Шаршеев Айбек", subjectType: "entrepreneur", officeCode: "003", registrationStatus: "registered" },
];

export const EVIDENCE_ISSUERS = [
  "Служба экономических расследований при Министерстве финансов Кыргызской Республики",
  "Государственная налоговая служба при Министерстве финансов Кыргызской Республики",
  "Генеральная прокуратура Кыргызской Республики",
] as const;

const FIXED_EVIDENCE: DemoEvidence[] = [
  {
    inn: "01502201900052",
    kind: "fictitious_supplies",
    documentNumber: "СЭР-02-2025/0147",
    documentDate: "2025-11-14",
    issuer: EVIDENCE_ISSUERS[0],
  },
  {
    inn: "22604198800053",
    kind: "fictitious_entrepreneurship",
    documentNumber: "АКТ-003-2025/0089",
    documentDate: "2025-09-03",
    issuer: EVIDENCE_ISSUERS[1],
  },
];

/** INNs with a known role in the demo data, by office. */
export const DEMO_INNS = {
  registered: {
    "002": { individual: "21505199000011", entrepreneur: "12208198500012", legalEntity: "01203201310013", foreignResident: "20304197800014" },
    "003": { individual: "11707199200021", entrepreneur: "23011198100022", legalEntity: "02506200810023" },
    "004": { individual: "20909199400031", entrepreneur: "11403198700032", legalEntity: "01710201510033" },
    "008": { individual: "22812199000041", entrepreneur: "10502198300042", legalEntity: "00311201100043" },
  },
  /** Office 002, deregistered: refusal on R9 ground (a). */
  deregistered: "21906197500051",
  /** Office 002, registered, with fictitious-supplies evidence: refusal on R9 ground (b). */
  withEvidence: "01502201900052",
  /** Office 003, an entrepreneur with fictitious-entrepreneurship evidence. */
  withEvidenceEntrepreneur: "22604198800053",
  /** An INN in the right format that the registry does not hold. */
  unknown: "21111199099999",
} as const;

const GENERATED_PER_OFFICE = 60;
const SEED = 20260301;

/** The whole demo registry: the named taxpayers plus 60 generated per office. */
export function demoRegistry(): { taxpayers: DemoTaxpayer[]; evidence: DemoEvidence[] } {
  const rng = new Prng(SEED);
  const taxpayers = [...FIXED_TAXPAYERS];
  const evidence = [...FIXED_EVIDENCE];
  const used = new Set(taxpayers.map((t) => t.inn));
  let serial = 10000;
  for (const office of DEMO_OFFICES) {
    for (let i = 0; i < GENERATED_PER_OFFICE; i++) {
      const roll = rng.next();
      const subjectType: SubjectType = roll < 0.35 ? "individual" : roll < 0.6 ? "entrepreneur" : roll < 0.9 ? "legal_entity" : "foreign_resident";
      const female = rng.chance(0.5);
      let inn: string;
      do {
        serial++;
        inn = subjectType === "legal_entity" ? organisationInn(...randomDate(rng, 1993, 2024), serial) : personInn(female, ...randomDate(rng, 1950, 2005), serial);
      } while (used.has(inn));
      used.add(inn);
      const name =
        subjectType === "legal_entity"
          ? companyName(rng)
          : subjectType === "entrepreneur"
            ? entrepreneurName(rng, female)
            : subjectType === "foreign_resident"
              ? foreignResidentName(rng, female)
              : personName(rng, female);
      // Every 20th is deregistered and every 20th (another one) has evidence: 5% each.
      const registrationStatus = i % 20 === 7 ? "deregistered" : "registered";
      taxpayers.push({ inn, name, subjectType, officeCode: office.code, registrationStatus });
      if (i % 20 === 13) {
        const [y, m, d] = randomDate(rng, 2022, 2025);
        evidence.push({
          inn,
          kind: subjectType === "legal_entity" ? "fictitious_supplies" : "fictitious_entrepreneurship",
          documentNumber: `СЭР-${office.code}-${y}/${String(rng.int(1, 999)).padStart(4, "0")}`,
          documentDate: `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
          issuer: rng.pick(EVIDENCE_ISSUERS),
        });
      }
    }
  }
  return { taxpayers, evidence };
}
