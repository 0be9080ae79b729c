import type { PaperLanguage } from "../../templates/types";
import type { NoticeAction } from "./kinds";

/**
 * What a notice can say, made by the worker from the journal entry it reports and the rows it names.
 * Never a password, and never the login: the login is handed over on the signed decision (decision 064).
 */
export interface NoticeFacts {
  /** The application's code as the applicant typed it and the paper prints it (formatted). */
  code: string | null;
  officeName: string | null;
  officeAddress: string | null;
  /** The number of the act the entry records (a decision's, or a revocation's). */
  actNumber: string | null;
  /** What a grant did to the access (decision 046): a first login, a new password, or access back. */
  effect: "first_grant" | "restoration" | "reinstatement" | null;
  /** A return's reasons, as the inspector wrote them. */
  reasons: string[];
  /** When access ends after an online refusal, in the office's calendar (long date). */
  accessEndsOn: string | null;
  /** Where the applicant checks the application's state (PUBLIC_BASE_URL/status); null when unknown. */
  statusUrl: string | null;
}

type Words = Record<NoticeAction, (f: NoticeFacts) => string>;

const office = (f: NoticeFacts) => [f.officeName, f.officeAddress].filter(Boolean).join(", ");

/**
 * Plain text that reads on a phone: one or two sentences, the code first where there is one. A
 * `Record` over every notice action and paper language, so a new action without its words fails the
 * typecheck.
 */
export const NOTICE_WORDS: Record<PaperLanguage, { subject: (f: NoticeFacts) => string; body: Words }> = {
  ky: {
    subject: (f) => `Салык төлөөчүнүн кабинетине кирүү${f.code ? ` — ${f.code}` : ""}`,
    body: {
      "application.saved": (f) =>
        `Салык төлөөчүнүн кабинети боюнча арызыңыз сакталды. Арыздын коду: ${f.code}. Арызды басып чыгарып, кол коюп, паспортуңуз менен салык органына алып келиңиз.${f.statusUrl ? ` Арыздын абалы: ${f.statusUrl}` : ""}`,
      "application.returned": (f) =>
        `${f.code} арызы каралбай кайтарылды. Себептери: ${f.reasons.join("; ")}. Оңдоп, ошол эле код менен кайра алып келиңиз: ${office(f)}.`,
      "application.granted": (f) =>
        f.effect === "restoration"
          ? `${f.code} арызыңыз боюнча салык төлөөчүнүн кабинетинин сырсөзү алмаштырылды (№ ${f.actNumber} чечим): эми арызда көрсөткөн сырсөз менен кириңиз. Эгер арыз бербеген болсоңуз, кайрылыңыз: ${office(f)}.`
          : f.effect === "reinstatement"
            ? `${f.code} арызыңыз боюнча салык төлөөчүнүн кабинетине кирүү укугу калыбына келтирилди (№ ${f.actNumber} чечим). Чечимди паспортуңуз менен алыңыз: ${office(f)}.`
            : `${f.code} арызы боюнча салык төлөөчүнүн кабинетине кирүү укугун берүү жөнүндө № ${f.actNumber} чечим кабыл алынды. Логин чечимде көрсөтүлгөн: чечимди паспортуңуз менен алыңыз: ${office(f)}.`,
      "application.refused": (f) =>
        `${f.code} арызы боюнча кирүү укугун берүүдөн баш тартуу жөнүндө № ${f.actNumber} чечим кабыл алынды. Баш тартуунун негиздери жана даттануу тартиби чечимде көрсөтүлгөн; аны алыңыз: ${office(f)}.`,
      "application.entered": (f) =>
        `${f.code} жокко чыгаруу жөнүндө арызыңыз аткарылды: салык төлөөчүнүн кабинетинин логини жана сырсөзү жокко чыгарылды.`,
      "application.already_annulled": (f) =>
        `${f.code} жокко чыгаруу жөнүндө арыз жабылды: кабинетке кирүү укугу буга чейин жокко чыгарылган.`,
      "annulment.proposed": (f) =>
        `Салык төлөөчүнүн кабинетине кирүү укугуңуз убактылуу токтотулду: жасалма ишмердүүлүк жөнүндө маалыматтардын негизинде жокко чыгаруу сунушталды. Чечимди бөлүм башчысы кабыл алат: ${office(f)}.`,
      "annulment.approved": (f) =>
        `Жасалма ишмердүүлүккө байланыштуу салык төлөөчүнүн кабинетине кирүү укугуңуз жокко чыгарылды. Кайрылуу үчүн: ${office(f)}.`,
      "annulment.rejected": () => `Жокко чыгаруу четке кагылды: салык төлөөчүнүн кабинетине кирүү укугуңуз калыбына келтирилди.`,
      "account.refusal_received": (f) =>
        `Электрондук өз ара аракеттенүүдөн баш тартууңуз алынды. Салык төлөөчүнүн кабинетине кирүү укугу ${f.accessEndsOn} токтотулат.`,
      "account.access_ended": () => `Электрондук өз ара аракеттенүүдөн баш тартууңуз боюнча салык төлөөчүнүн кабинетине кирүү укугу токтотулду.`,
      "account.self_locked": () =>
        `Өтүнүчүңүз боюнча салык төлөөчүнүн кабинетине кирүү бөгөттөлдү. Калыбына келтирүү үчүн салык органына кайрылыңыз.`,
      "account.password_changed_by_holder": () =>
        `Салык төлөөчүнүн кабинетинин сырсөзү өзгөртүлдү. Эгер бул сиз болбосоңуз, кирүүнү бөгөттөп, салык органына кайрылыңыз.`,
      "decision.revoked": (f) =>
        `Салык төлөөчүнүн кабинетине кирүү жөнүндө чечим № ${f.actNumber} акты менен жокко чыгарылды. Кайрылуу үчүн: ${office(f)}.`,
    },
  },
  ru: {
    subject: (f) => `Доступ к Кабинету налогоплательщика${f.code ? ` — ${f.code}` : ""}`,
    body: {
      "application.saved": (f) =>
        `Ваше заявление по Кабинету налогоплательщика сохранено. Код заявления: ${f.code}. Распечатайте заявление, подпишите и принесите в налоговый орган с паспортом.${f.statusUrl ? ` Состояние: ${f.statusUrl}` : ""}`,
      "application.returned": (f) =>
        `Заявление ${f.code} возвращено без рассмотрения. Причины: ${f.reasons.join("; ")}. Исправьте и принесите снова с тем же кодом: ${office(f)}.`,
      "application.granted": (f) =>
        f.effect === "restoration"
          ? `По вашему заявлению ${f.code} пароль Кабинета налогоплательщика заменён (решение № ${f.actNumber}): входите с паролем, указанным в заявлении. Если вы не подавали заявление, обратитесь: ${office(f)}.`
          : f.effect === "reinstatement"
            ? `По вашему заявлению ${f.code} доступ к Кабинету налогоплательщика восстановлен (решение № ${f.actNumber}). Получите решение с паспортом: ${office(f)}.`
            : `По заявлению ${f.code} принято решение № ${f.actNumber} о предоставлении доступа к Кабинету налогоплательщика. Логин указан в решении: получите его с паспортом: ${office(f)}.`,
      "application.refused": (f) =>
        `По заявлению ${f.code} принято решение № ${f.actNumber} об отказе в предоставлении доступа. Основания отказа и порядок обжалования указаны в решении; получите его: ${office(f)}.`,
      "application.entered": (f) =>
        `Ваше заявление об аннулировании ${f.code} исполнено: логин и пароль Кабинета налогоплательщика аннулированы.`,
      "application.already_annulled": (f) => `Заявление об аннулировании ${f.code} закрыто: доступ к Кабинету был аннулирован ранее.`,
      "annulment.proposed": (f) =>
        `Доступ к Кабинету налогоплательщика приостановлен: по сведениям о фиктивной деятельности предложено аннулирование. Решение примет начальник отдела: ${office(f)}.`,
      "annulment.approved": (f) => `Доступ к Кабинету налогоплательщика аннулирован в связи с фиктивной деятельностью. Обращайтесь: ${office(f)}.`,
      "annulment.rejected": () => `Аннулирование отклонено: доступ к Кабинету налогоплательщика восстановлен.`,
      "account.refusal_received": (f) =>
        `Получен ваш отказ от электронного взаимодействия. Доступ к Кабинету налогоплательщика прекратится ${f.accessEndsOn}.`,
      "account.access_ended": () => `Доступ к Кабинету налогоплательщика прекращён по вашему отказу от электронного взаимодействия.`,
      "account.self_locked": () => `Вход в Кабинет налогоплательщика заблокирован по вашему запросу. Для восстановления обратитесь в налоговый орган.`,
      "account.password_changed_by_holder": () =>
        `Пароль Кабинета налогоплательщика изменён. Если это были не вы, заблокируйте вход и обратитесь в налоговый орган.`,
      "decision.revoked": (f) => `Решение о доступе к Кабинету налогоплательщика отменено актом № ${f.actNumber}. Обращайтесь: ${office(f)}.`,
    },
  },
};

/** A notice in the applicant's language: Kyrgyz if they used it, else Russian (the paper's two languages). */
export function noticeLanguage(language: string | null | undefined): PaperLanguage {
  return language === "ky" ? "ky" : "ru";
}

export function renderNotice(action: NoticeAction, facts: NoticeFacts, language: PaperLanguage): { subject: string; text: string } {
  const words = NOTICE_WORDS[language];
  return { subject: words.subject(facts), text: words.body[action](facts) };
}
