import { describe, expect, it } from "vitest";
import type { StoredApplicationForm } from "../../../db/schema";
import { supportedLngs, type Lng } from "../../../app/utils/i18n";
import { noticeContact, NOTICE_FALLBACK_LANGUAGE, type NoticeLanguage } from "../../../workflows/application/contact";
import { noticeChannels } from "../../../workflows/application/form";

// The notices are written in a page's language: the stored languages are exactly the pages'.
// Either list changed alone fails the typecheck on the line below.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameLanguages: Same<Lng, NoticeLanguage> = true;

const form = (over: Partial<StoredApplicationForm> = {}): StoredApplicationForm => ({
  requestKind: "grant",
  subjectType: "individual",
  phone: "+996 555 123 456",
  email: "a@example.kg",
  ...over,
});

describe("where a notice about an application goes (issue #18)", () => {
  it("e-mail: to the e-mail address, in the language of the page the form was sent from", () => {
    expect(noticeContact(form({ notify: "email", language: "ky" }))).toEqual({ channel: "email", address: "a@example.kg", language: "ky" });
  });

  it("SMS: to the phone, as typed", () => {
    expect(noticeContact(form({ notify: "sms", language: "en", phone: " +996 (700) 11-22-33 " }))).toEqual({ channel: "sms", address: "+996 (700) 11-22-33", language: "en" });
  });

  it("nowhere when the applicant asked for none, or saved the form before the choice existed", () => {
    expect(noticeContact(form({ notify: "none", language: "ru" }))).toBeNull();
    expect(noticeContact(form())).toBeNull();
  });

  it("nowhere when the chosen channel has no address (the form refuses that; an old or hand-made row may hold it)", () => {
    expect(noticeContact(form({ notify: "email", email: undefined, language: "ru" }))).toBeNull();
    expect(noticeContact(form({ notify: "email", email: "", language: "ru" }))).toBeNull();
    expect(noticeContact(form({ notify: "sms", phone: "  ", language: "ru" }))).toBeNull();
  });

  it("a form without its page's language is written to in the catalogs' fallback language", () => {
    expect(noticeContact(form({ notify: "sms" }))?.language).toBe(NOTICE_FALLBACK_LANGUAGE);
  });

  it("every page language can be stored, and every channel the form offers is answered", () => {
    expect(sameLanguages).toBe(true);
    for (const language of supportedLngs) expect(noticeContact(form({ notify: "email", language }))?.language).toBe(language);
    for (const notify of noticeChannels) expect(noticeContact(form({ notify, language: "ru" }))?.channel ?? "none").toBe(notify);
  });
});
