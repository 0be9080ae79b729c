import { isJournalAction, type JournalAction } from "../journal/actions";

/**
 * Journal actions and roles in Russian words, for what is printed (the journal extract is a Russian
 * document whatever the interface language). Pages use the `journal` i18n namespace instead, in the
 * same words (tests/unit/workflows/journal-actions.test.ts). A `Record` over every action: an action
 * added to JOURNAL_ACTIONS without its words here fails the typecheck.
 */
export const ACTION_RU: Record<JournalAction, string> = {
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
  "account.access_ended": "Доступ прекращён (отказ от электронного взаимодействия)",
  "account.sign_in_unlocked": "Администратор снял ограничение входа в Кабинет",
  "annulment.proposed": "Предложено аннулирование (фиктивная деятельность); доступ приостановлен",
  "annulment.approved": "Аннулирование утверждено",
  "annulment.rejected": "Аннулирование отклонено; доступ восстановлен",
  "evidence.recorded": "Внесены сведения о фиктивной деятельности",
  "decision.handed_over": "Решение вручено субъекту под роспись",
  "decision.not_collected": "Субъект не явился за решением",
  "document.printed": "Напечатан документ",
  "document.reprinted": "Напечатан дубликат документа",
  "subject.viewed": "Сотрудник просмотрел карточку субъекта",
  "staff.signed_in": "Вход сотрудника",
  "staff.sign_in_unlocked": "Администратор снял ограничение входа сотрудника",
  "staff.created": "Создан сотрудник",
  "staff.disabled": "Сотрудник отключён",
  "staff.enabled": "Сотрудник включён",
  "staff.password_reset": "Пароль сотрудника сброшен",
  "staff.password_changed": "Сотрудник сменил пароль",
  "office.created": "Добавлен налоговый орган",
  "office.updated": "Изменён налоговый орган",
  "registry.import_started": "Начат импорт реестра налогоплательщиков",
  "registry.imported": "Импорт реестра налогоплательщиков завершён",
  "registry.import_failed": "Импорт реестра налогоплательщиков не выполнен",
  "demo.seeded": "Загружены демонстрационные данные",
  "api_client.created": "Создан ключ API Кабинета налогоплательщика",
  "api_client.revoked": "Ключ API Кабинета налогоплательщика отозван",
};

export const ROLE_RU: Record<string, string> = {
  inspector: "инспектор",
  supervisor: "начальник отдела",
  admin: "администратор",
  public: "заявитель",
  subject: "субъект",
  system: "система",
  api: "Кабинет (API)",
};

/** An entry's action in words; an action no longer in the list (an old entry) shows its code. */
export function actionRu(action: string): string {
  return isJournalAction(action) ? ACTION_RU[action] : action;
}

export function roleRu(role: string): string {
  return ROLE_RU[role] ?? role;
}

export const KNOWN_ROLES = Object.keys(ROLE_RU);
