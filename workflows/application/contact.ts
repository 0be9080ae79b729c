import type { StoredApplicationForm } from "../../db/schema";

export type NoticeChannel = "email" | "sms";
/** A language a notice can be written in: the languages of the pages (app/utils/i18n.ts). */
export type NoticeLanguage = NonNullable<StoredApplicationForm["language"]>;

/**
 * The language a notice is written in when the form did not keep its page's language (only forms
 * saved before it was kept, which asked for no notices, or saved by a script): the official
 * language, the catalogs' own fallback (app/utils/i18n.ts).
 */
export const NOTICE_FALLBACK_LANGUAGE: NoticeLanguage = "ru";

export interface NoticeContact {
  channel: NoticeChannel;
  /** The e-mail address or the phone number, as the applicant typed it. */
  address: string;
  language: NoticeLanguage;
}

/**
 * Where a notice about an application goes, if anywhere (issue #18): the one answer the outbox
 * asks. Null when the applicant asked for none, or the form predates the choice; null too when
 * the chosen channel has no address, which the form does not let through but an old or hand-made
 * row could hold.
 */
export function noticeContact(form: StoredApplicationForm): NoticeContact | null {
  const channel = form.notify ?? "none";
  if (channel === "none") return null;
  const address = (channel === "email" ? form.email : form.phone)?.trim() ?? "";
  if (!address) return null;
  return { channel, address, language: form.language ?? NOTICE_FALLBACK_LANGUAGE };
}
