import type { Translated, PaperLanguage } from "../../templates/types";
import { isJournalAction, type JournalAction } from "../journal/actions";

/**
 * Journal actions and roles in words, for what is printed: the journal extract names each event in
 * the paper's languages (PAPER_LANGUAGES), whatever the interface language. Pages use the `journal`
 * i18n namespace instead, in the same words (tests/unit/workflows/journal-actions.test.ts). A
 * `Record` over every action and language: an action added to JOURNAL_ACTIONS without its words in
 * one of them fails the typecheck.
 */
export const ACTION_WORDS: Record<PaperLanguage, Record<JournalAction, string>> = {
  ky: {
    "application.saved": "Арыз онлайн сакталды",
    "application.presented": "Арыз салык органына берилди",
    "application.returned": "Арыз себептери көрсөтүлүп кайтарылды",
    "application.accepted": "Арыз кабыл алынды",
    "application.granted": "Кирүү укугун берүү жөнүндө чечим кабыл алынды",
    "application.refused": "Кирүү укугун берүүдөн баш тартуу жөнүндө чечим кабыл алынды",
    "application.entered": "Жокко чыгаруу жөнүндө арыз системага киргизилди",
    "application.already_annulled": "Жокко чыгаруу жөнүндө арыз жабылды: кирүү укугу буга чейин жокко чыгарылган",
    "application.expired": "Арызды сактоо мөөнөтү бүттү",
    "decision.overdue": "Чечим кабыл алуу мөөнөтү (20 мүнөт) өтүп кетти",
    "annulment_entry.overdue": "Жокко чыгаруу жөнүндө арызды киргизүү мөөнөтү өтүп кетти",
    "account.created": "Эсептик жазуу (логин) түзүлдү",
    "account.reinstated": "Кирүү укугу калыбына келтирилди",
    "account.password_replaced": "Сырсөз алмаштырылды",
    "account.annulled": "Логин жана сырсөз жокко чыгарылды",
    "account.refusal_received": "Электрондук өз ара аракеттенүүдөн баш тартуу алынды",
    "account.self_locked": "Ээси кирүүнү өзү бөгөттөдү",
    "account.password_changed_by_holder": "Ээси сырсөздү өзгөрттү",
    "account.access_ended": "Кирүү укугу токтотулду (электрондук өз ара аракеттенүүдөн баш тартуу)",
    "account.sign_in_unlocked": "Администратор Кабинетке кирүүдөгү чектөөнү алып салды",
    "annulment.proposed": "Жокко чыгаруу сунушталды (жасалма ишмердүүлүк); кирүү укугу убактылуу токтотулду",
    "annulment.approved": "Жокко чыгаруу бекитилди",
    "annulment.rejected": "Жокко чыгаруу четке кагылды; кирүү укугу калыбына келтирилди",
    "evidence.recorded": "Жасалма ишмердүүлүк тууралуу маалыматтар киргизилди",
    "decision.handed_over": "Чечим субъектке кол койдуруу менен тапшырылды",
    "decision.not_collected": "Субъект чечимди алууга келген жок",
    "decision.revocation_proposed": "Чечимди жокко чыгаруу сунушталды",
    "decision.revoked": "Чечим жокко чыгарылды",
    "decision.revocation_rejected": "Чечимди жокко чыгаруу сунушу четке кагылды",
    "evidence.lifting_proposed": "Жасалма ишмердүүлүк тууралуу маалыматтарды алып салуу сунушталды",
    "evidence.lifted": "Жасалма ишмердүүлүк тууралуу маалыматтар алынып салынды",
    "evidence.lifting_rejected": "Маалыматтарды алып салуу сунушу четке кагылды",
    "document.printed": "Документ басылып чыкты",
    "document.reprinted": "Документтин дубликаты басылып чыкты",
    "subject.viewed": "Кызматкер субъекттин карточкасын карады",
    "journal.exported": "Администратор журналдан тандалган жазууларды жүктөп алды",
    "stats.exported": "Статистика жүктөп алынды",
    "staff.signed_in": "Кызматкердин кириши",
    "staff.sign_in_unlocked": "Администратор кызматкердин кирүүсүндөгү чектөөнү алып салды",
    "staff.created": "Кызматкер түзүлдү",
    "staff.disabled": "Кызматкер өчүрүлдү",
    "staff.enabled": "Кызматкер күйгүзүлдү",
    "staff.password_reset": "Кызматкердин сырсөзү жаңыланды",
    "staff.moved": "Кызматкер башка салык органына которулду",
    "staff.jurisdiction_changed": "Кызматкердин көзөмөл чөйрөсү өзгөртүлдү",
    "staff.password_changed": "Кызматкер сырсөзүн алмаштырды",
    "staff.two_factor_enabled": "Кызматкер кирүүнүн экинчи факторун күйгүздү",
    "staff.two_factor_reset": "Кызматкердин экинчи фактору администратор тарабынан жокко чыгарылды",
    "staff.recovery_code_used": "Кызматкер калыбына келтирүү кодун колдонду",
    "office.created": "Салык органы кошулду",
    "office.updated": "Салык органы өзгөртүлдү",
    "office.region_changed": "Салык органынын региону өзгөртүлдү",
    "region.created": "Регион түзүлдү",
    "region.renamed": "Региондун аталышы өзгөртүлдү",
    "region.deleted": "Регион өчүрүлдү",
    "registry.import_started": "Салык төлөөчүлөрдүн реестрин импорттоо башталды",
    "registry.imported": "Салык төлөөчүлөрдүн реестрин импорттоо аяктады",
    "registry.import_failed": "Салык төлөөчүлөрдүн реестрин импорттоо аткарылган жок",
    "demo.seeded": "Демонстрациялык маалыматтар жүктөлдү",
    "api_client.created": "Салык төлөөчүнүн кабинетинин API ачкычы түзүлдү",
    "api_client.revoked": "Салык төлөөчүнүн кабинетинин API ачкычы кайтарылып алынды",
    "notice.resent": "Жөнөтүлбөй калган билдирүү кайра жөнөтүүгө коюлду",
  },
  ru: {
    "application.saved": "Заявление сохранено онлайн",
    "application.presented": "Заявление представлено в налоговый орган",
    "application.returned": "Заявление возвращено с указанием причин",
    "application.accepted": "Заявление принято",
    "application.granted": "Принято решение о предоставлении доступа",
    "application.refused": "Принято решение об отказе в предоставлении доступа",
    "application.entered": "Заявление об аннулировании внесено в систему",
    "application.already_annulled": "Заявление об аннулировании закрыто: доступ уже аннулирован",
    "application.expired": "Срок хранения заявления истёк",
    "decision.overdue": "Срок принятия решения (20 минут) истёк",
    "annulment_entry.overdue": "Срок внесения заявления об аннулировании истёк",
    "account.created": "Создана учётная запись (логин)",
    "account.reinstated": "Доступ восстановлен",
    "account.password_replaced": "Пароль заменён",
    "account.annulled": "Логин и пароль аннулированы",
    "account.refusal_received": "Получен отказ от электронного взаимодействия",
    "account.self_locked": "Владелец заблокировал доступ",
    "account.password_changed_by_holder": "Владелец сменил пароль",
    "account.access_ended": "Доступ прекращён (отказ от электронного взаимодействия)",
    "account.sign_in_unlocked": "Администратор снял ограничение входа в Кабинет",
    "annulment.proposed": "Предложено аннулирование (фиктивная деятельность); доступ приостановлен",
    "annulment.approved": "Аннулирование утверждено",
    "annulment.rejected": "Аннулирование отклонено; доступ восстановлен",
    "evidence.recorded": "Внесены сведения о фиктивной деятельности",
    "decision.handed_over": "Решение вручено субъекту под роспись",
    "decision.not_collected": "Субъект не явился за решением",
    "decision.revocation_proposed": "Предложена отмена решения",
    "decision.revoked": "Решение отменено",
    "decision.revocation_rejected": "Предложение об отмене решения отклонено",
    "evidence.lifting_proposed": "Предложено снятие сведений о фиктивной деятельности",
    "evidence.lifted": "Сведения о фиктивной деятельности сняты",
    "evidence.lifting_rejected": "Предложение о снятии сведений отклонено",
    "document.printed": "Напечатан документ",
    "document.reprinted": "Напечатан дубликат документа",
    "subject.viewed": "Сотрудник просмотрел карточку субъекта",
    "journal.exported": "Администратор выгрузил выборку из журнала",
    "stats.exported": "Статистика выгружена",
    "staff.signed_in": "Вход сотрудника",
    "staff.sign_in_unlocked": "Администратор снял ограничение входа сотрудника",
    "staff.created": "Создан сотрудник",
    "staff.disabled": "Сотрудник отключён",
    "staff.enabled": "Сотрудник включён",
    "staff.password_reset": "Пароль сотрудника сброшен",
    "staff.moved": "Сотрудник переведён в другой налоговый орган",
    "staff.jurisdiction_changed": "Изменена зона надзора сотрудника",
    "staff.password_changed": "Сотрудник сменил пароль",
    "staff.two_factor_enabled": "Сотрудник включил второй фактор входа",
    "staff.two_factor_reset": "Второй фактор сотрудника сброшен администратором",
    "staff.recovery_code_used": "Сотрудник использовал код восстановления",
    "office.created": "Добавлен налоговый орган",
    "office.updated": "Изменён налоговый орган",
    "office.region_changed": "Изменён регион налогового органа",
    "region.created": "Создан регион",
    "region.renamed": "Переименован регион",
    "region.deleted": "Удалён регион",
    "registry.import_started": "Начат импорт реестра налогоплательщиков",
    "registry.imported": "Импорт реестра налогоплательщиков завершён",
    "registry.import_failed": "Импорт реестра налогоплательщиков не выполнен",
    "demo.seeded": "Загружены демонстрационные данные",
    "api_client.created": "Создан ключ API Кабинета налогоплательщика",
    "api_client.revoked": "Ключ API Кабинета налогоплательщика отозван",
    "notice.resent": "Неотправленное уведомление поставлено на повторную отправку",
  },
};

/** The Russian words, as the Russian pages word each action. */
export const ACTION_RU = ACTION_WORDS.ru;

export const ROLE_WORDS: Record<PaperLanguage, Record<string, string>> = {
  ky: {
    inspector: "инспектор",
    supervisor: "бөлүм башчысы",
    admin: "администратор",
    public: "арыз берүүчү",
    subject: "субъект",
    system: "система",
    api: "Кабинет (API)",
  },
  ru: {
    inspector: "инспектор",
    supervisor: "начальник отдела",
    admin: "администратор",
    public: "заявитель",
    subject: "субъект",
    system: "система",
    api: "Кабинет (API)",
  },
};

export const ROLE_RU = ROLE_WORDS.ru;

/** An entry's action in words; an action no longer in the list (an old entry) shows its code. */
export function actionRu(action: string): string {
  return isJournalAction(action) ? ACTION_RU[action] : action;
}

export function roleRu(role: string): string {
  return ROLE_RU[role] ?? role;
}

export const KNOWN_ROLES = Object.keys(ROLE_RU);

/** An entry's action in every paper language, for the printed extract; an unknown action shows its code. */
export function actionWords(action: string): Translated {
  return isJournalAction(action) ? { ky: ACTION_WORDS.ky[action], ru: ACTION_WORDS.ru[action] } : { ky: action, ru: action };
}

/** A role in every paper language; an unknown role shows its code. */
export function roleWords(role: string): Translated {
  return { ky: ROLE_WORDS.ky[role] ?? role, ru: ROLE_WORDS.ru[role] ?? role };
}
