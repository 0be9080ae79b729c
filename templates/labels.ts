import type {
  AnnulmentBasis,
  RevocationEffect,
  EvidenceKind,
  GrantEffect,
  PaperLanguage,
  PoaCertifier,
  RefusalGround,
  RequestKind,
  StaffRank,
  SubjectType,
  Translated,
} from "./types";

/**
 * Every fixed word of the printed documents, one table per paper language. The Kyrgyz terms are
 * those of docs/glossary.md (the institution, the system, access, decision, refusal, annulment,
 * the grounds); a key missing from one language fails the typecheck. Variable text (names,
 * addresses, numbers, what an inspector typed) is never here: it is printed once, as typed.
 * Sentences that carry a number or a date take it as an argument, so each language places it.
 */
export interface PaperWords {
  authority: string;
  /** What the header names when no office has the paper yet (printed online). */
  systemName: string;
  copy: { subject: string; office: string };
  duplicate: string;
  duplicateIssued: string;
  verify: { heading: string; instruction: string; checksum: string };
  subjectType: Record<SubjectType, string>;
  field: {
    inn: string;
    name: string;
    personName: string;
    category: string;
    decidedAt: string;
    application: string;
    applicationCode: string;
  };
  signature: {
    sign: string;
    stamp: string;
    date: string;
    receiptCaption: string;
    rank: Record<StaffRank, string>;
    inspector: string;
    approvedBy: string;
    head: string;
    officeHead: string;
  };
  /** «о предоставлении доступа к ИС …»: the subject of an application or a grant. */
  request: Record<RequestKind, string>;
  application: {
    title: string;
    code: string;
    applicant: string;
    head: string;
    phone: string;
    email: string;
    /** The applicant's choice of notices (issue #18): the row's label and each choice, said of the contacts above it. */
    notices: { label: string; email: string; sms: string; none: string };
    loginToAnnul: string;
    createdAt: string;
    representative: string;
    identityDocument: string;
    powerOfAttorney: string;
    certifiedBy: string;
    certifier: Record<PoaCertifier, string>;
    legalRepresentative: string;
    birthCertificate: string;
    representativePassport: string;
    annulRequest: string;
    passwordNote: string;
    signer: { representative: string; legalRepresentative: string; head: string; applicant: string };
  };
  acceptance: {
    title: string;
    incomingNumber: string;
    acceptedAt: string;
    office: string;
    inspector: string;
    inspectorSignature: string;
    pending: string;
  };
  decision: {
    title: string;
    received: string;
    grant: {
      /** The sentence of the decision: which application, under which rule, what was decided. */
      text: (effect: GrantEffect, app: { incomingNumber: string; acceptedAt: string; code: string }) => string;
      login: string;
      passwordNote: string;
      effectNote: Record<GrantEffect, string>;
    };
    refusal: {
      subtitle: Record<"grant" | "restore", string>;
      text: (requestKind: "grant" | "restore", app: { incomingNumber: string; acceptedAt: string; code: string }) => string;
      grounds: string;
      evidence: string;
    };
  };
  /** R9, ground by ground, in the regulation's words. */
  ground: Record<RefusalGround["ground"], string>;
  /**
   * The appeal route on a refusal (decision 059): the block's heading and labels, and the route
   * printed when the installation configures none (APPEAL_* settings).
   */
  appeal: {
    title: string;
    /** Short labels inside the block's run (its heading says they are the appeal's). */
    body: string;
    timeLimit: string;
    address: string;
    default: { body: string; timeLimit: string; address: string };
  };
  evidenceKind: Record<EvidenceKind, string>;
  annulment: {
    title: string;
    subtitle: Record<AnnulmentBasis["kind"], string>;
    onRequest: string;
    alreadyAnnulled: (at: string, earlier: string | null) => string;
    fictitious: string;
    onlineRefusal: string;
    /** How an earlier annulment happened, in the notice's words. */
    earlier: Record<"on_request" | "fictitious_activity" | "online_refusal" | "revoked_decision", string>;
    login: string;
    endedAt: string;
    basis: string;
    enteredAt: string;
    annulledEarlier: string;
    closedAt: string;
    evidence: string;
    proposed: string;
    approved: string;
    refusalSent: string;
    endsFrom: string;
    unsigned: string;
    received: string;
  };
  /** Decision 063: the act revoking a mistaken decision. */
  revocation: {
    title: string;
    subtitle: string;
    text: (outcome: "granted" | "refused", requestKind: "grant" | "restore", number: string, decidedAt: string) => string;
    revoked: string;
    reason: string;
    effect: Record<RevocationEffect | "refusal", string>;
    login: string;
    proposed: string;
    approved: string;
  };
  /** Decision 063: the act lifting evidence of fictitious activity. */
  lifting: {
    subtitle: string;
    text: string;
    evidence: string;
    basis: string;
    reason: string;
    effect: string;
  };
  journal: {
    title: string;
    subtitle: string;
    period: string;
    events: string;
    at: string;
    event: string;
    office: string;
    role: string;
    none: string;
    preparedBy: string;
    /** The time stamp covering the printed entries (decision 062). */
    anchor: string;
    anchorChain: string;
    anchorEntry: string;
    anchorSerial: string;
    notAnchored: string;
  };
}

const KY_SYSTEM = "«Салык төлөөчүнүн кабинети» маалыматтык системасына";
const KY_REGULATION = "КР Өкмөтүнө караштуу МСКнын 2017-жылдын 13-декабрындагы № 238 буйругу менен бекитилген";
const KY_FICTITIOUS = "жалган ишкердикке жана жасалма жеткирүүлөргө";
const RU_SYSTEM = "к информационной системе «Кабинет налогоплательщика»";
const RU_REGULATION = "Регламента, утверждённого приказом ГНС при ПКР от 13 декабря 2017 года № 238";

const ky: PaperWords = {
  authority: "Кыргыз Республикасынын Өкмөтүнө караштуу Мамлекеттик салык кызматы",
  systemName: "«Салык төлөөчүнүн кабинети» маалыматтык системасы",
  copy: { subject: "Субъекттин нускасы", office: "Салык органынын нускасы" },
  duplicate: "ДУБЛИКАТ",
  duplicateIssued: "берилди",
  verify: {
    heading: "Документтин аныктыгын текшерүү",
    instruction: "Камераны QR-кодго багыттаңыз же даректи ачыңыз:",
    checksum: "текшерүү суммасы",
  },
  subjectType: {
    individual: "жеке жак",
    entrepreneur: "жеке ишкер",
    legal_entity: "юридикалык жак",
    foreign_resident: "чет өлкөлүк жак (резидент эмес)",
  },
  field: {
    inn: "ИСН",
    name: "Аталышы",
    personName: "Фамилиясы, аты, атасынын аты",
    category: "Субъекттин категориясы",
    decidedAt: "Чечим кабыл алынган күнү жана убактысы",
    application: "Арыз (кирүүчү №, күнү жана убактысы)",
    applicationCode: "Арыздын коду",
  },
  signature: {
    sign: "колу",
    stamp: "М. О.",
    date: "күнү",
    receiptCaption: "колу, фамилиясы жана инициалдары",
    rank: { inspector: "салык инспектору", supervisor: "бөлүм башчысы" },
    inspector: "Инспектор",
    approvedBy: "Бекиткен",
    head: "Жетекчи",
    officeHead: "Салык органынын жетекчиси",
  },
  request: {
    grant: `${KY_SYSTEM} кирүү укугун берүү жөнүндө`,
    restore: `${KY_SYSTEM} кирүү укугун калыбына келтирүү жөнүндө`,
    annul: `${KY_SYSTEM} кирүү укугун жокко чыгаруу жөнүндө`,
  },
  application: {
    title: "Арыз",
    code: "Арыздын коду",
    applicant: "Арыз берүүчү",
    head: "Жетекчи",
    phone: "Телефон",
    email: "Электрондук почта",
    notices: { label: "Кабарламалар", email: "электрондук почтага", sms: "телефонго SMS менен", none: "жөнөтүлбөсүн" },
    loginToAnnul: "Жокко чыгарылуучу логин",
    createdAt: "Арыз түзүлгөн",
    representative: "Өкүл",
    identityDocument: "Инсандыгын күбөлөндүргөн документ",
    powerOfAttorney: "Ишеним кат (№, күнү)",
    certifiedBy: "Ишеним катты күбөлөндүргөн",
    certifier: {
      notary: "нотариус",
      employer: "иш берүүчү",
      hospital: "медициналык мекеменин жетекчиси",
      detention_facility: "эркинен ажыратуу жайынын администрациясы",
    },
    legalRepresentative: "Мыйзамдуу өкүл (арыз берүүчү 14 жашка толо элек)",
    birthCertificate: "Туулгандыгы тууралуу күбөлүк",
    representativePassport: "Өкүлдүн паспорту",
    annulRequest: "«Салык төлөөчүнүн кабинети» маалыматтык системасына кирүү үчүн мурда берилген логинди жана сырсөздү жокко чыгарууну суранам.",
    passwordNote: "Сырсөздү арыз берүүчү арызды толтурууда өзү койгон; ал басылып чыгарылбайт жана салык органынын кызматкерлерине билдирилбейт.",
    signer: { representative: "Арыз берүүчүнүн өкүлү", legalRepresentative: "Мыйзамдуу өкүл", head: "Жетекчи", applicant: "Арыз берүүчү" },
  },
  acceptance: {
    title: "КАБЫЛ АЛЫНГАНДЫГЫ ТУУРАЛУУ БЕЛГИ",
    incomingNumber: "Кирүүчү №",
    acceptedAt: "Күнү жана убактысы",
    office: "Салык органы",
    inspector: "Инспектор",
    inspectorSignature: "Инспектордун колу",
    pending: "Салык органынын арызды кабыл алгандыгы тууралуу белгиси кабыл алууда коюлат (кирүүчү номери, күнү жана убактысы, салык органы, инспектор).",
  },
  decision: {
    title: "Чечим",
    received: "Чечимди алдым",
    grant: {
      text: (effect, a) =>
        `Салык органы субъекттин арызын (кирүүчү № ${a.incomingNumber}, ${a.acceptedAt}, коду ${a.code}) карап чыгып, ${KY_REGULATION} Регламентке ылайык ЧЕЧТИ: ` +
        {
          first_grant: `субъектке ${KY_SYSTEM} кирүү укугу берилсин.`,
          restoration: `субъекттин ${KY_SYSTEM} кирүү укугу калыбына келтирилсин.`,
          reinstatement: `субъектке ${KY_SYSTEM} мурда жокко чыгарылган кирүү укугу кайра берилсин.`,
        }[effect],
      login: "Кирүү үчүн логин",
      passwordNote: "Сырсөз — субъект арызда өзү койгон сырсөз; салык органы аны билбейт жана басып чыгарбайт.",
      effectNote: {
        first_grant: "",
        restoration: " Кирүү укугу калыбына келтирилгенде логин өзгөрбөйт.",
        reinstatement: " Логин мурдагыдай: ал кирүү укугу жокко чыгарылгандан кийин да субъектке бекитилген бойдон калат.",
      },
    },
    refusal: {
      subtitle: {
        grant: `${KY_SYSTEM} кирүү укугун берүүдөн баш тартуу жөнүндө`,
        restore: `${KY_SYSTEM} кирүү укугун калыбына келтирүүдөн баш тартуу жөнүндө`,
      },
      text: (kind, a) =>
        `Салык органы субъекттин кирүү укугун ${kind === "restore" ? "калыбына келтирүү" : "берүү"} жөнүндө арызын (кирүүчү № ${a.incomingNumber}, ${a.acceptedAt}, коду ${a.code}) карап чыгып, ` +
        `${KY_REGULATION} Регламенттин 9-пунктунун негизинде ЧЕЧТИ: субъектке ${KY_SYSTEM} кирүү укугун ${kind === "restore" ? "калыбына келтирүүдөн" : "берүүдөн"} баш тартылсын.`,
      grounds: "Баш тартуунун негиздери (Регламенттин 9-пункту)",
      evidence: "Маалыматтар",
    },
  },
  ground: {
    no_registration: "салык каттоосунун жоктугу",
    fictitious_activity: `${KY_FICTITIOUS} катышкандыгы жөнүндө документтик маалыматтардын болушу`,
  },
  appeal: {
    title: "Даттануу тартиби",
    body: "Орган",
    timeLimit: "Мөөнөтү",
    address: "Дареги",
    default: {
      body: "КР Финансы министрлигине караштуу Мамлекеттик салык кызматы (борбордук аппараты) же сот",
      timeLimit: "чечим тапшырылган күндөн тартып 30 календардык күндүн ичинде",
      address: "Бишкек ш.; сотко — чечим кабыл алган салык органы жайгашкан жер боюнча",
    },
  },
  evidenceKind: {
    fictitious_entrepreneurship: "жалган ишкердикке катышуу",
    fictitious_supplies: "жасалма жеткирүүлөргө катышуу",
  },
  annulment: {
    title: "Билдирме",
    subtitle: {
      on_request: `субъекттин арызы боюнча ${KY_SYSTEM} кирүү укугун жокко чыгаруу жөнүндө`,
      fictitious_activity: `${KY_FICTITIOUS} катышкандыгына байланыштуу ${KY_SYSTEM} кирүү укугун жокко чыгаруу жөнүндө`,
      online_refusal: `субъекттин электрондук өз ара аракеттенүүдөн баш тартуусуна байланыштуу ${KY_SYSTEM} кирүү укугун токтотуу жөнүндө`,
      already_annulled: `субъекттин ${KY_SYSTEM} кирүү укугун жокко чыгаруу жөнүндө арызы боюнча: кирүү укугу мурда эле жокко чыгарылган`,
    },
    onRequest: `Субъекттин кирүү укугун жокко чыгаруу жөнүндө арызынын негизинде (${KY_REGULATION} Регламенттин 18–20-пункттары) субъекттин логини жана сырсөзү жокко чыгарылды.`,
    alreadyAnnulled: (at, earlier) =>
      `Субъекттин кирүү укугун жокко чыгаруу жөнүндө арызы боюнча (${KY_REGULATION} Регламенттин 18–20-пункттары) аныкталды: кирүү укугу ${at} мурда эле жокко чыгарылган${
        earlier ? ` (${earlier})` : ""
      }. Кайра жокко чыгаруунун зарылдыгы жок; арыз кирүү укугу өзгөртүлбөстөн жабылды.`,
    fictitious: `Субъекттин ${KY_FICTITIOUS} катышкандыгы жөнүндө документтик маалыматтар аныкталгандыгына байланыштуу (${KY_REGULATION} Регламенттин 21-пункту) субъекттин кирүү укугу жокко чыгарылды.`,
    onlineRefusal:
      "Субъект баш тартууну электрондук түрдө жөнөтүп, «Салык төлөөчүнүн кабинети» маалыматтык системасында электрондук өз ара аракеттенүүдөн баш тартты. Кирүү укугу баш тартуу жөнөтүлгөн күндөн кийинки күндүн башынан тартып токтотулат.",
    earlier: {
      on_request: "субъекттин арызы боюнча",
      fictitious_activity: `${KY_FICTITIOUS} катышкандыгына байланыштуу`,
      online_refusal: "субъекттин электрондук өз ара аракеттенүүдөн баш тартуусуна байланыштуу",
      revoked_decision: "кирүү укугун берүү чечими жокко чыгарылгандыгына байланыштуу",
    },
    login: "Жокко чыгарылган логин",
    endedAt: "Кирүү укугу токтотулду",
    basis: "Негиз",
    enteredAt: "Системага киргизилди",
    annulledEarlier: "Кирүү укугу мурда жокко чыгарылган",
    closedAt: "Арыз жабылды",
    evidence: "Документтик маалыматтар",
    proposed: "Жокко чыгаруу жөнүндө сунуш",
    approved: "Бекитилди",
    refusalSent: "Баш тартуу жөнөтүлдү",
    endsFrom: "Кирүү укугу токтотулуучу убакыт",
    unsigned: "Билдирме субъекттин электрондук баш тартуусу боюнча маалыматтык система тарабынан түзүлгөн жана колу коюлбастан жарактуу.",
    received: "Билдирмени алдым",
  },
  revocation: {
    title: "Чечим",
    subtitle: "чечимди жокко чыгаруу жөнүндө",
    text: (outcome, kind, number, at) =>
      `Салык органы № ${number} ${at} чечими (${outcome === "granted" ? `${KY_SYSTEM} кирүү укугун ${kind === "restore" ? "калыбына келтирүү" : "берүү"}` : `${KY_SYSTEM} кирүү укугун ${kind === "restore" ? "калыбына келтирүүдөн" : "берүүдөн"} баш тартуу`} жөнүндө) жаңылыштык менен чыгарылгандыгын аныктап, ЧЕЧТИ: аталган чечим жокко чыгарылсын.`,
    revoked: "Жокко чыгарылган чечим",
    reason: "Жокко чыгаруунун негизи",
    effect: {
      annulled: "Ушул чечим менен берилген кирүү укугу жокко чыгарылды; логин жана сырсөз мындан ары жарактуу эмес.",
      already_annulled: "Кирүү укугу буга чейин жокко чыгарылган; ушул чечим аны өзгөртпөйт.",
      later_grant: "Кирүү укугу кийинки чечимге негизделет; ушул чечим аны өзгөртпөйт.",
      refusal: "Субъект кирүү укугун алуу үчүн кайрадан арыз бере алат.",
    },
    login: "Логин",
    proposed: "Сунуштаган",
    approved: "Бекиткен",
  },
  lifting: {
    subtitle: `${KY_FICTITIOUS} катышуу тууралуу маалыматтарды алып салуу жөнүндө`,
    text: `Салык органы төмөндө көрсөтүлгөн документти карап чыгып, ЧЕЧТИ: субъекттин ${KY_FICTITIOUS} катышкандыгы тууралуу маалыматтар алынып салынсын.`,
    evidence: "Алынып салынган маалыматтар",
    basis: "Негиз-документ",
    reason: "Алып салуунун негизи",
    effect: `Маалыматтар иште сакталат, бирок мындан ары ${KY_REGULATION} Регламенттин 9-пунктунун «б» пунктчасы боюнча ${KY_SYSTEM} кирүү укугун берүүдөн баш тартуунун негизи болуп саналбайт. Алардын негизинде мурда чыгарылган чечимдер өзгөртүлбөйт; субъект жаңы арыз бере алат.`,
  },
  journal: {
    title: "Үзүндү",
    subtitle: "«Салык төлөөчүнүн кабинети» маалыматтык системасынын окуялар журналынан",
    period: "Мезгил",
    events: "Окуялар",
    at: "Күнү жана убактысы",
    event: "Окуя",
    office: "Салык органы",
    role: "Ролу",
    none: "Мезгил ичинде окуялар болгон жок.",
    preparedBy: "Үзүндүнү даярдаган",
    anchor: "Убакыт белгиси (RFC 3161)",
    anchorChain: "чынжыр",
    anchorEntry: "жазуу №",
    anchorSerial: "сериялык №",
    notAnchored: "Берилген учурда убакыт белгиси менен күбөлөндүрүлө элек",
  },
};

const ru: PaperWords = {
  authority: "Государственная налоговая служба при Правительстве Кыргызской Республики",
  systemName: "ИС «Кабинет налогоплательщика»",
  copy: { subject: "Экземпляр субъекта", office: "Экземпляр налогового органа" },
  duplicate: "ДУБЛИКАТ",
  duplicateIssued: "выдан",
  verify: {
    heading: "Проверка подлинности документа",
    instruction: "Наведите камеру на QR-код или откройте адрес:",
    checksum: "контрольная сумма",
  },
  subjectType: {
    individual: "физическое лицо",
    entrepreneur: "индивидуальный предприниматель",
    legal_entity: "юридическое лицо",
    foreign_resident: "иностранное лицо (нерезидент)",
  },
  field: {
    inn: "ИНН",
    name: "Наименование",
    personName: "Фамилия, имя, отчество",
    category: "Категория субъекта",
    decidedAt: "Дата и время решения",
    application: "Заявление (входящий №, дата и время)",
    applicationCode: "Код заявления",
  },
  signature: {
    sign: "подпись",
    stamp: "М. П.",
    date: "дата",
    receiptCaption: "подпись, фамилия и инициалы",
    rank: { inspector: "налоговый инспектор", supervisor: "начальник отдела" },
    inspector: "Инспектор",
    approvedBy: "Утвердил",
    head: "Руководитель",
    officeHead: "Руководитель налогового органа",
  },
  request: {
    grant: `о предоставлении доступа ${RU_SYSTEM}`,
    restore: `о восстановлении доступа ${RU_SYSTEM}`,
    annul: `об аннулировании доступа ${RU_SYSTEM}`,
  },
  application: {
    title: "Заявление",
    code: "Код заявления",
    applicant: "Заявитель",
    head: "Руководитель",
    phone: "Телефон",
    email: "Электронная почта",
    notices: { label: "Уведомления", email: "на электронную почту", sms: "SMS на телефон", none: "не направлять" },
    loginToAnnul: "Логин, подлежащий аннулированию",
    createdAt: "Заявление сформировано",
    representative: "Представитель",
    identityDocument: "Документ, удостоверяющий личность",
    powerOfAttorney: "Доверенность (№, дата)",
    certifiedBy: "Доверенность удостоверена",
    certifier: {
      notary: "нотариус",
      employer: "работодатель",
      hospital: "руководитель медицинского учреждения",
      detention_facility: "администрация места лишения свободы",
    },
    legalRepresentative: "Законный представитель (заявитель младше 14 лет)",
    birthCertificate: "Свидетельство о рождении",
    representativePassport: "Паспорт представителя",
    annulRequest: "Прошу аннулировать ранее присвоенные логин и пароль доступа к ИС «Кабинет налогоплательщика».",
    passwordNote: "Пароль задан заявителем при заполнении заявления; он не печатается и не сообщается сотрудникам налогового органа.",
    signer: { representative: "Представитель заявителя", legalRepresentative: "Законный представитель", head: "Руководитель", applicant: "Заявитель" },
  },
  acceptance: {
    title: "ОТМЕТКА О ПРИНЯТИИ",
    incomingNumber: "Входящий №",
    acceptedAt: "Дата и время",
    office: "Налоговый орган",
    inspector: "Инспектор",
    inspectorSignature: "Подпись инспектора",
    pending: "Отметка налогового органа о принятии заявления проставляется при приёме (входящий номер, дата и время, налоговый орган, инспектор).",
  },
  decision: {
    title: "Решение",
    received: "Решение получил(а)",
    grant: {
      text: (effect, a) =>
        `Налоговый орган, рассмотрев заявление субъекта (входящий № ${a.incomingNumber} от ${a.acceptedAt}, код ${a.code}), в соответствии с Регламентом, утверждённым приказом ГНС при ПКР от 13 декабря 2017 года № 238, РЕШИЛ ` +
        {
          first_grant: `предоставить субъекту доступ ${RU_SYSTEM}.`,
          restoration: `восстановить субъекту доступ ${RU_SYSTEM}.`,
          reinstatement: `вновь предоставить субъекту доступ ${RU_SYSTEM}, аннулированный ранее.`,
        }[effect],
      login: "Логин для входа",
      passwordNote: "Пароль — тот, который субъект задал в заявлении; налоговый орган его не знает и не печатает.",
      effectNote: {
        first_grant: "",
        restoration: " Логин при восстановлении доступа не меняется.",
        reinstatement: " Логин прежний: он закреплён за субъектом и после аннулирования доступа.",
      },
    },
    refusal: {
      subtitle: {
        grant: `об отказе в предоставлении доступа ${RU_SYSTEM}`,
        restore: `об отказе в восстановлении доступа ${RU_SYSTEM}`,
      },
      text: (kind, a) =>
        `Налоговый орган, рассмотрев заявление субъекта о ${kind === "restore" ? "восстановлении" : "предоставлении"} доступа (входящий № ${a.incomingNumber} от ${a.acceptedAt}, код ${a.code}), ` +
        `на основании пункта 9 ${RU_REGULATION}, РЕШИЛ отказать субъекту в доступе ${RU_SYSTEM}.`,
      grounds: "Основания отказа (пункт 9 Регламента)",
      evidence: "Сведения",
    },
  },
  ground: {
    no_registration: "отсутствие налоговой регистрации",
    fictitious_activity: "наличие документальных сведений об участии в лжепредпринимательской деятельности и фиктивных поставках",
  },
  appeal: {
    title: "Порядок обжалования",
    body: "Орган",
    timeLimit: "Срок",
    address: "Адрес",
    default: {
      body: "Государственная налоговая служба при Министерстве финансов КР (центральный аппарат) либо суд",
      timeLimit: "в течение 30 календарных дней со дня вручения решения",
      address: "г. Бишкек; в суд — по месту нахождения налогового органа, принявшего решение",
    },
  },
  evidenceKind: {
    fictitious_entrepreneurship: "участие в лжепредпринимательской деятельности",
    fictitious_supplies: "участие в фиктивных поставках",
  },
  annulment: {
    title: "Уведомление",
    subtitle: {
      on_request: `об аннулировании доступа по заявлению субъекта ${RU_SYSTEM}`,
      fictitious_activity: `об аннулировании доступа в связи с участием в лжепредпринимательской деятельности и фиктивных поставках ${RU_SYSTEM}`,
      online_refusal: `о прекращении доступа в связи с отказом субъекта от электронного взаимодействия ${RU_SYSTEM}`,
      already_annulled: `по заявлению субъекта об аннулировании доступа ${RU_SYSTEM}: доступ уже аннулирован`,
    },
    onRequest: `На основании заявления субъекта об аннулировании доступа (пункты 18–20 ${RU_REGULATION}) логин и пароль субъекта аннулированы.`,
    alreadyAnnulled: (at, earlier) =>
      `По заявлению субъекта об аннулировании доступа (пункты 18–20 ${RU_REGULATION}) установлено: доступ уже аннулирован ${at}${earlier ? ` ${earlier}` : ""}. ` +
      `Повторное аннулирование не требуется; заявление закрыто без изменения доступа.`,
    fictitious: `В связи с выявлением документальных сведений об участии субъекта в лжепредпринимательской деятельности и фиктивных поставках (пункт 21 ${RU_REGULATION}) доступ субъекта аннулирован.`,
    onlineRefusal:
      "Субъект отказался от электронного взаимодействия в ИС «Кабинет налогоплательщика», направив отказ в электронном виде. Доступ прекращается с начала дня, следующего за днём направления отказа.",
    earlier: {
      on_request: "по заявлению субъекта",
      fictitious_activity: "в связи с участием в лжепредпринимательской деятельности и фиктивных поставках",
      online_refusal: "в связи с отказом субъекта от электронного взаимодействия",
      revoked_decision: "в связи с отменой решения о предоставлении доступа",
    },
    login: "Аннулированный логин",
    endedAt: "Доступ прекращён",
    basis: "Основание",
    enteredAt: "Внесено в систему",
    annulledEarlier: "Доступ аннулирован ранее",
    closedAt: "Заявление закрыто",
    evidence: "Документальные сведения",
    proposed: "Предложение об аннулировании",
    approved: "Утверждено",
    refusalSent: "Отказ направлен",
    endsFrom: "Доступ прекращается с",
    unsigned: "Уведомление сформировано информационной системой по электронному отказу субъекта и действительно без подписи.",
    received: "Уведомление получил(а)",
  },
  revocation: {
    title: "Решение",
    subtitle: "об отмене решения",
    text: (outcome, kind, number, at) =>
      `Налоговый орган, установив, что решение № ${number} от ${at} (${outcome === "granted" ? `о ${kind === "restore" ? "восстановлении" : "предоставлении"} доступа ${RU_SYSTEM}` : `об отказе в ${kind === "restore" ? "восстановлении" : "предоставлении"} доступа ${RU_SYSTEM}`}) принято ошибочно, РЕШИЛ: указанное решение отменить.`,
    revoked: "Отменяемое решение",
    reason: "Основание отмены",
    effect: {
      annulled: "Доступ, предоставленный этим решением, аннулирован; логин и пароль более не действуют.",
      already_annulled: "Доступ был аннулирован ранее; настоящее решение его не изменяет.",
      later_grant: "Доступ основан на более позднем решении; настоящее решение его не изменяет.",
      refusal: "Субъект вправе вновь обратиться с заявлением о предоставлении доступа.",
    },
    login: "Логин",
    proposed: "Предложил",
    approved: "Утвердил",
  },
  lifting: {
    subtitle: "о снятии сведений об участии в лжепредпринимательской деятельности и фиктивных поставках",
    text: "Налоговый орган, рассмотрев указанный ниже документ, РЕШИЛ: снять сведения об участии субъекта в лжепредпринимательской деятельности и фиктивных поставках.",
    evidence: "Снятые сведения",
    basis: "Документ-основание",
    reason: "Основание снятия",
    effect: `Сведения сохраняются в деле, но более не являются основанием для отказа в предоставлении доступа ${RU_SYSTEM} по подпункту «б» пункта 9 ${RU_REGULATION}. Ранее принятые на их основании решения не пересматриваются; субъект вправе подать новое заявление.`,
  },
  journal: {
    title: "Выписка",
    subtitle: "из журнала событий ИС «Кабинет налогоплательщика»",
    period: "Период",
    events: "События",
    at: "Дата и время",
    event: "Событие",
    office: "Налоговый орган",
    role: "Роль",
    none: "За период событий нет.",
    preparedBy: "Выписку подготовил",
    anchor: "Метка времени (RFC 3161)",
    anchorChain: "цепочка",
    anchorEntry: "запись №",
    anchorSerial: "серийный №",
    notAnchored: "На момент выдачи ещё не заверено меткой времени",
  },
};

/** The paper's words by language: the one table every template reads. */
export const WORDS: Record<PaperLanguage, PaperWords> = { ky, ru };

/** One fixed text in every language, picked from the table: `tr((w) => w.field.inn)`. */
export function tr(pick: (w: PaperWords) => string): Translated {
  return { ky: pick(WORDS.ky), ru: pick(WORDS.ru) };
}

/** R9: the letter the regulation gives each ground; a refusal cites a ground by it («(б)» alone, never «1.»). */
export const GROUND_LETTER: Record<RefusalGround["ground"], "а" | "б"> = {
  no_registration: "а",
  fictitious_activity: "б",
};
