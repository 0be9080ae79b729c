/**
 * Every action the journal records, once: the type of an entry's action, the admin journal's
 * filter and the labels (a `Record` over it in TypeScript; the locale files are checked by
 * tests/unit/journal-actions.test.ts) all come from this list, so an action written without a
 * label fails the typecheck or that test. It imports nothing: pages use it in the browser bundle.
 * Entries already written keep their action as it was, so what is read back is a plain string.
 */
export const JOURNAL_ACTIONS = [
  "application.saved",
  "application.presented",
  "application.returned",
  "application.accepted",
  "application.granted",
  "application.refused",
  "application.entered",
  "application.already_annulled",
  "application.expired",
  "decision.overdue",
  "annulment_entry.overdue",
  "account.created",
  "account.reinstated",
  "account.password_replaced",
  "account.annulled",
  "account.refusal_received",
  "account.access_ended",
  "account.sign_in_unlocked",
  "account.self_locked",
  "account.password_changed_by_holder",
  "annulment.proposed",
  "annulment.approved",
  "annulment.rejected",
  "evidence.recorded",
  "decision.handed_over",
  "decision.not_collected",
  "decision.revocation_proposed",
  "decision.revoked",
  "decision.revocation_rejected",
  "evidence.lifting_proposed",
  "evidence.lifted",
  "evidence.lifting_rejected",
  "document.printed",
  "document.reprinted",
  "subject.viewed",
  "journal.exported",
  "stats.exported",
  "staff.signed_in",
  "staff.sign_in_unlocked",
  "staff.created",
  "staff.disabled",
  "staff.enabled",
  "staff.password_reset",
  "staff.moved",
  "staff.jurisdiction_changed",
  "staff.password_changed",
  "staff.two_factor_enabled",
  "staff.two_factor_reset",
  "staff.recovery_code_used",
  "office.created",
  "office.updated",
  "office.region_changed",
  "region.created",
  "region.renamed",
  "region.deleted",
  "registry.import_started",
  "registry.imported",
  "registry.import_failed",
  "demo.seeded",
  "api_client.created",
  "api_client.revoked",
  "notice.resent",
] as const;

export type JournalAction = (typeof JOURNAL_ACTIONS)[number];

const known: ReadonlySet<string> = new Set(JOURNAL_ACTIONS);

export function isJournalAction(action: string): action is JournalAction {
  return known.has(action);
}

/** The action's key in the `journal` i18n namespace (`actions.<key>`): i18next reads a dot as nesting. */
export function journalActionKey(action: string): string {
  return action.replace(".", "_");
}
