import type { PublicJournalEntry } from "../../workflows/subject";

/** A public journal line as the API sends it (the JournalEvent schema). */
export function journalEvent(e: PublicJournalEntry) {
  return { at: new Date(e.at).toISOString(), action: e.action, officeCode: e.officeCode, officeName: e.officeName, actorRole: e.role };
}
