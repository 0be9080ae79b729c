/**
 * Journal actions and roles in Russian words, for what is printed (the journal extract is a Russian
 * document whatever the interface language). Pages use the `journal` i18n namespace instead.
 */
export const ACTION_RU: Record<string, string> = {
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
  "annulment.proposed": "Предложено аннулирование (фиктивная деятельность); доступ приостановлен",
  "annulment.approved": "Аннулирование утверждено",
  "annulment.rejected": "Аннулирование отклонено; доступ восстановлен",
  "evidence.recorded": "Внесены сведения о фиктивной деятельности",
  "document.printed": "Напечатан документ",
  "document.reprinted": "Напечатан дубликат документа",
  "subject.viewed": "Сотрудник просмотрел карточку субъекта",
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

export function actionRu(action: string): string {
  return ACTION_RU[action] ?? action;
}

export function roleRu(role: string): string {
  return ROLE_RU[role] ?? role;
}

/** Actions of administration (not about a subject); with ACTION_RU they are the journal's vocabulary. */
export const ADMIN_ACTIONS = [
  "staff.signed_in",
  "staff.created",
  "staff.disabled",
  "staff.enabled",
  "staff.password_reset",
  "staff.password_changed",
  "office.created",
  "office.updated",
  "registry.imported",
  "demo.seeded",
];

/** Every action the journal filter offers (a fixed list: a DISTINCT over 100,000 rows is a full scan). */
export const KNOWN_ACTIONS = [...Object.keys(ACTION_RU), ...ADMIN_ACTIONS];

export const KNOWN_ROLES = Object.keys(ROLE_RU);
