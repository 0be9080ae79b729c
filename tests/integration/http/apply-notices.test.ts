import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { applications } from "../../../db/schema";
import * as apply from "../../../app/routes/apply._index";
import { languageCookie } from "../../../app/utils/cookies.server";
import { translatorFor } from "../../../app/utils/i18n.server";
import { noticeContact } from "../../../workflows/application/contact";
import { applicationPayload } from "../../../workflows/printing/payloads";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { createOffice, createTaxpayer, validForm } from "../../support/factories";
import { call, csrfCookieHeader, postForm, type RouteModule } from "../../support/http";

/**
 * Issue #18: the public form keeps how the applicant wants to be told of the application's
 * progress, and the language of the page they sent it from, which the server takes from the
 * request (the switch's cookie, else Accept-Language), never from a posted field.
 */
let h: DbHandle;
let csrf: string;
let ipSeq = 0;
const nextIp = () => `198.51.100.${++ipSeq}`;

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  csrf = await csrfCookieHeader();
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

async function fields(over: Record<string, string> = {}): Promise<Record<string, string>> {
  const inn = await createTaxpayer(h.db, "001");
  return { ...(validForm(inn) as unknown as Record<string, string>), ...over };
}

/** Posts the form as a browser would, with the page's language in the cookie or in Accept-Language. */
async function post(form: Record<string, string>, asked: { cookie?: "ky" | "ru" | "en"; acceptLanguage?: string }) {
  const cookie = asked.cookie ? `${csrf}; ${(await languageCookie().serialize(asked.cookie)).split(";")[0]}` : csrf;
  const request = postForm("/apply", form, cookie);
  const headers = new Headers(request.headers);
  if (asked.acceptLanguage) headers.set("Accept-Language", asked.acceptLanguage);
  return call((apply as RouteModule).action!, new Request(request, { headers }), {}, nextIp());
}

async function stored(inn: string) {
  const [row] = await h.db.select().from(applications).where(eq(applications.inn, inn));
  return row;
}

async function count() {
  const [{ n }] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from applications`);
  return n;
}

describe("the public form keeps the choice of notices and the page's language", () => {
  it("e-mail on a Kyrgyz page: stored with the language the switch chose; a posted language is ignored", async () => {
    const form = await fields({ notify: "email", language: "en" });
    const response = await post(form, { cookie: "ky", acceptLanguage: "ru" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/apply/done");
    const row = await stored(form.inn);
    expect(row.form).toMatchObject({ notify: "email", language: "ky", email: "a@example.kg" });
    expect(noticeContact(row.form)).toEqual({ channel: "email", address: "a@example.kg", language: "ky" });
    expect((await applicationPayload(h.db, row.id)).notices).toBe("email");
  });

  it("SMS with no switch: the browser's Accept-Language decides; the notice goes to the phone", async () => {
    const form = await fields({ notify: "sms" });
    expect((await post(form, { acceptLanguage: "en-GB,en;q=0.9,ru;q=0.5" })).status).toBe(302);
    const row = await stored(form.inn);
    expect(row.form).toMatchObject({ notify: "sms", language: "en" });
    expect(noticeContact(row.form)).toEqual({ channel: "sms", address: "+996 555 123456", language: "en" });
    expect((await applicationPayload(h.db, row.id)).notices).toBe("sms");
  });

  it("nothing chosen is no notices (opt-in); the language is kept all the same", async () => {
    const form = await fields();
    expect((await post(form, { cookie: "ru" })).status).toBe(302);
    const row = await stored(form.inn);
    expect(row.form).toMatchObject({ notify: "none", language: "ru" });
    expect(noticeContact(row.form)).toBeNull();
    expect((await applicationPayload(h.db, row.id)).notices).toBe("none");
  });

  it("e-mail without an address: 400 with the e-mail field's message in each language, and nothing saved", async () => {
    const before = await count();
    const { email: _email, ...form } = await fields({ notify: "email" });
    const response = await post(form, { cookie: "ky" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields?: Record<string, string>; values?: Record<string, string> };
    expect(body.fields).toEqual({ email: "apply:email.required_for_notices" });
    // The page shows the choice as it was made, for the applicant to add the address or choose again.
    expect(body.values?.notify).toBe("email");
    const texts = new Set<string>();
    for (const lng of ["ky", "ru", "en"] as const) {
      const text = (await translatorFor(lng))("apply:email.required_for_notices");
      expect(text, lng).not.toContain("required_for_notices");
      texts.add(text);
    }
    expect(texts.size).toBe(3);
    expect(await count()).toBe(before);
  });

  it("a form saved before the choice existed reads as no notices, on paper too", async () => {
    const form = await fields({ notify: "email" });
    expect((await post(form, { cookie: "ru" })).status).toBe(302);
    const row = await stored(form.inn);
    await h.db.execute(sql`update applications set form = form - 'notify' - 'language' where id = ${row.id}`);
    const old = await stored(form.inn);
    expect(old.form).not.toHaveProperty("notify");
    expect(noticeContact(old.form)).toBeNull();
    expect((await applicationPayload(h.db, row.id)).notices).toBe("none");
  });
});
