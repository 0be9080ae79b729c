import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import type { StaffActor } from "../../../workflows/actor";
import { changePasswordByHolder, selfLockAccount } from "../../../workflows/account/holder";
import { endRefusedAccess, refuseElectronicInteraction } from "../../../workflows/account/refusal";
import { approveAnnulment, enterAnnulment, grantAccess, proposeFictitiousAnnulment, refuseAccess, rejectAnnulment } from "../../../workflows";
import { presentApplication, returnApplication, submitApplication } from "../../../workflows/application/service";
import { formatCode } from "../../../workflows/application/code";
import { NOTICE_WORDS } from "../../../workflows/notices/words";
import { listNotices, resendNotice } from "../../../workflows/notices/admin";
import { smsGatewaySender, smtpSender, type NoticeSenders } from "../../../workflows/notices/senders";
import { sendDueNotices, type NoticeWorkerOptions } from "../../../workflows/notices/worker";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createEvidence, createOffice, createStaff, createTaxpayer, PASSWORD, validForm } from "../../support/factories";
import { startSmsGateway, startSmtpReceiver } from "../../support/notice-receivers";

// Notices through the transactional outbox (decision 064), delivered to a real SMTP server and a
// local HTTP SMS gateway: one message per event, none for a rolled-back one, retries, dead letters.
let h: DbHandle;
let insp: StaffActor;
let sup: StaffActor;
let admin: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const FAR = new Date("2030-01-01T00:00:00Z");
const ANNUL = { requestKind: "annul", password: undefined, passwordConfirm: undefined } as const;

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  insp = await createStaff(h.db, "inspector", "001");
  sup = await createStaff(h.db, "supervisor", "001");
  admin = await createStaff(h.db, "admin", null);
});
afterAll(() => h.close());

function worker(senders: NoticeSenders, over: Partial<NoticeWorkerOptions> = {}): NoticeWorkerOptions {
  return { senders, statusUrl: "https://cabinet.example.kg/status", maxAttempts: 3, baseDelayMs: 1000, capMs: 60_000, batch: 50, leaseMs: 60_000, ...over };
}

/** Sends until nothing is due at `now` (a retry comes due later, when `now` is moved on). */
async function drain(opts: NoticeWorkerOptions, now = FAR) {
  for (;;) {
    const r = await sendDueNotices(h.db, now, opts);
    if (r.sent + r.retrying + r.dead + r.skipped + r.waiting === 0) return;
  }
}

async function queued(inn: string) {
  return queryRows<{ action: string; status: string }>(h.db, sql`select action, status from notices where subject_inn = ${inn} order by id`);
}

describe("the outbox", () => {
  it("every lifecycle event of a subject delivers exactly one e-mail with its own words, in the applicant's language", async () => {
    const smtp = await startSmtpReceiver();
    const email = smtpSender({ url: smtp.url, from: "Салык кызматы <no-reply@sts.example.kg>" });
    try {
      const inn = await createTaxpayer(h.db, "001");
      const to = `${inn}@example.kg`;
      const contact = { notify: "email", email: to } as const;
      // Saved, returned with a reason; saved again, accepted, granted.
      const first = await submitApplication(h.db, validForm(inn, contact), min(0), { language: "ky" });
      await presentApplication(h.db, insp, first.id, min(1));
      await returnApplication(h.db, insp, first.id, ["Паспорттун көчүрмөсү жок"], min(2));
      const app = await acceptedApplication(h.db, insp, inn, min(10), contact, "ky");
      const granted = await grantAccess(h.db, insp, app.id, min(13));
      // The holder changes the password, then refuses electronic interaction; the day after, access ends.
      await changePasswordByHolder(h.db, { type: "api", clientId: "cabinet" }, { login: granted.login, password: PASSWORD, newPassword: "Bishkek#2026", newPasswordConfirm: "Bishkek#2026" }, min(20));
      await refuseElectronicInteraction(h.db, { type: "public" }, { login: granted.login, password: "Bishkek#2026" }, min(30));
      await endRefusedAccess(h.db, min(60 * 24 * 2));

      await drain(worker({ email }));
      const mine = smtp.received.filter((m) => m.to === to);
      const actions = (await queued(inn)).map((n) => n.action);
      expect(actions).toEqual([
        "application.saved",
        "application.returned",
        "application.saved",
        "application.granted",
        "account.password_changed_by_holder",
        "account.refusal_received",
        "account.access_ended",
      ]);
      expect(mine).toHaveLength(actions.length);
      expect(new Set(mine.map((m) => m.key)).size).toBe(actions.length);
      const [saved, returned, , grant] = mine;
      expect(saved.subject).toBe(NOTICE_WORDS.ky.subject({ code: formatCode(first.code) } as never));
      expect(saved.text).toContain(formatCode(first.code));
      expect(saved.text).toContain("https://cabinet.example.kg/status");
      expect(returned.text).toContain("Паспорттун көчүрмөсү жок");
      expect(grant.text).toContain(formatCode(app.code));
      expect(grant.text).toMatch(/№ \S+/);
      // Never the login, never a password.
      expect(grant.text).not.toContain(granted.login);
      for (const m of mine) expect(m.text).not.toMatch(/Kyrgyz#2025|Bishkek#2026/);
      expect((await queued(inn)).every((n) => n.status === "sent")).toBe(true);
    } finally {
      email.close?.();
      await smtp.close();
    }
  });

  it("fictitious activity, a refusal, an annulment on request, a reinstatement and a self-lock: one SMS each, in Russian", async () => {
    const gateway = await startSmsGateway({ authorization: "Bearer sms-key" });
    const sms = smsGatewaySender({ url: gateway.url, authorization: "Bearer sms-key", bodyTemplate: '{"to":"{to}","text":"{text}","id":"{id}"}' });
    const contact = { notify: "sms", phone: "+996 700 111222" } as const;
    try {
      // Suspended on evidence, the proposal rejected; proposed again and approved.
      const inn = await createTaxpayer(h.db, "001");
      const g = await acceptedApplication(h.db, insp, inn, min(0), contact, "ru");
      await grantAccess(h.db, insp, g.id, min(3));
      const p1 = await proposeFictitiousAnnulment(h.db, insp, inn, await createEvidence(h.db, insp, inn, min(5)), min(6));
      await rejectAnnulment(h.db, sup, p1.annulmentId, "Сведения не подтвердились", min(7));
      const p2 = await proposeFictitiousAnnulment(h.db, insp, inn, await createEvidence(h.db, insp, inn, min(8)), min(9));
      await approveAnnulment(h.db, sup, p2.annulmentId, min(10));
      // Refused on ground (a): not registered.
      const deregistered = await createTaxpayer(h.db, "001", { status: "deregistered" });
      await refuseAccess(h.db, insp, (await acceptedApplication(h.db, insp, deregistered, min(20), contact, "ru")).id, [{ ground: "no_registration" }], min(21));
      // Annulled on request, then reinstated by a restore application; the holder locks the login.
      const other = await createTaxpayer(h.db, "001");
      const granted = await grantAccess(h.db, insp, (await acceptedApplication(h.db, insp, other, min(30), contact, "ru")).id, min(33));
      await enterAnnulment(h.db, insp, (await acceptedApplication(h.db, insp, other, min(40), { ...contact, ...ANNUL }, "ru")).id, min(45));
      await grantAccess(h.db, insp, (await acceptedApplication(h.db, insp, other, min(50), { ...contact, requestKind: "restore" }, "ru")).id, min(55));
      await selfLockAccount(h.db, { type: "api", clientId: "cabinet" }, { login: granted.login, password: PASSWORD }, min(60));

      await drain(worker({ sms }));
      const byInn = async (i: string) => (await queued(i)).map((n) => n.action);
      expect(await byInn(inn)).toEqual(["application.saved", "application.granted", "annulment.proposed", "annulment.rejected", "annulment.proposed", "annulment.approved"]);
      expect(await byInn(deregistered)).toEqual(["application.saved", "application.refused"]);
      expect(await byInn(other)).toEqual([
        "application.saved", "application.granted", "application.saved", "application.entered", "application.saved", "application.granted", "account.self_locked",
      ]);
      const all = (await queryRows<{ n: string }>(h.db, sql`select count(*) as n from notices where subject_inn in (${inn}, ${deregistered}, ${other}) and status = 'sent'`))[0];
      expect(gateway.received.filter((m) => m.to === contact.phone)).toHaveLength(Number(all.n));
      expect(Number(all.n)).toBe(15);
      const texts = gateway.received.map((m) => m.text);
      for (const words of [
        "приостановлен", "Аннулирование отклонено", "аннулирован в связи с фиктивной деятельностью", "об отказе в предоставлении доступа",
        "заявление об аннулировании", "доступ к Кабинету налогоплательщика восстановлен (решение №", "заблокирован по вашему запросу",
      ]) expect(texts.some((t) => t.includes(words)), words).toBe(true);
      expect(texts.every((t) => !/[А-Яа-я]/.test(t) || !/Салык/.test(t))).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  it("an event that rolls back leaves no notice; a committed one always has its row", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const app = await submitApplication(h.db, validForm(inn, { notify: "email", email: "x@example.kg" }), min(0));
    await presentApplication(h.db, insp, app.id, min(1));
    const fault = new Error("injected after the return's journal entry");
    await expect(
      returnApplication(h.db, insp, app.id, ["причина"], min(2), { between: async (step) => { if (step === "journal") throw fault; } }),
    ).rejects.toBe(fault);
    expect((await queued(inn)).map((n) => n.action)).toEqual(["application.saved"]);
    await returnApplication(h.db, insp, app.id, ["причина"], min(3));
    expect((await queued(inn)).map((n) => n.action)).toEqual(["application.saved", "application.returned"]);
  });

  it("an applicant who chose no channel is skipped, never sent", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { code } = await submitApplication(h.db, validForm(inn, { notify: "none" }), min(0));
    const smtp = await startSmtpReceiver();
    const email = smtpSender({ url: smtp.url, from: "no-reply@sts.example.kg" });
    await drain(worker({ email }));
    expect(await queued(inn)).toEqual([{ action: "application.saved", status: "skipped" }]);
    expect(smtp.received.filter((m) => m.text.includes(formatCode(code)))).toEqual([]);
    email.close?.();
    await smtp.close();
  });
});

describe("when the SMTP server refuses", () => {
  it("for a while: tried again with backoff, then delivered once", async () => {
    const smtp = await startSmtpReceiver({ refuse: (n) => n <= 2 });
    const email = smtpSender({ url: smtp.url, from: "no-reply@sts.example.kg" });
    const inn = await createTaxpayer(h.db, "001");
    await submitApplication(h.db, validForm(inn, { notify: "email", email: "late@example.kg" }), min(0));
    const opts = worker({ email }, { random: () => 1 });
    // The notice is due from its entry's time (the database's clock); each try after its backoff: 1 s, then 2 s.
    const t = (ms: number) => new Date(FAR.getTime() + ms);
    expect(await sendDueNotices(h.db, t(0), opts)).toMatchObject({ retrying: 1 });
    expect(await sendDueNotices(h.db, t(500), opts)).toMatchObject({ sent: 0, retrying: 0 });
    expect(await sendDueNotices(h.db, t(1000), opts)).toMatchObject({ retrying: 1 });
    expect(await sendDueNotices(h.db, t(2500), opts)).toMatchObject({ sent: 0, retrying: 0 });
    expect(await sendDueNotices(h.db, t(3000), opts)).toMatchObject({ sent: 1 });
    expect(smtp.received.filter((m) => m.to === "late@example.kg")).toHaveLength(1);
    email.close?.();
    await smtp.close();
  });

  it("for good: dead after the configured tries, shown with the last error; the administrator's resend delivers it", async () => {
    let up = false;
    const smtp = await startSmtpReceiver({ refuse: () => !up });
    const email = smtpSender({ url: smtp.url, from: "no-reply@sts.example.kg" });
    const inn = await createTaxpayer(h.db, "001");
    await submitApplication(h.db, validForm(inn, { notify: "email", email: "dead@example.kg" }), min(0));
    await drain(worker({ email }, { maxAttempts: 3 }), FAR);
    await drain(worker({ email }, { maxAttempts: 3 }), new Date(FAR.getTime() + 3_600_000));
    await drain(worker({ email }, { maxAttempts: 3 }), new Date(FAR.getTime() + 7_200_000));
    const [dead] = (await listNotices(h.db, admin, { status: "dead" })).filter((n) => n.subjectInn === inn);
    expect(dead).toMatchObject({ status: "dead", attempts: 3, channel: "email", address: "dead@example.kg" });
    expect(dead.lastError).toMatch(/451/);
    await expect(resendNotice(h.db, insp, dead.id, FAR)).rejects.toMatchObject({ code: "forbidden" });
    up = true;
    await resendNotice(h.db, admin, dead.id, FAR);
    await expect(resendNotice(h.db, admin, dead.id, FAR)).rejects.toMatchObject({ messageKey: "notice.not_dead" });
    await drain(worker({ email }), new Date(FAR.getTime() + 7_200_000));
    expect(smtp.received.filter((m) => m.to === "dead@example.kg")).toHaveLength(1);
    const [entry] = await queryRows<{ action: string; entity_id: string }>(h.db, sql`select action, entity_id from journal_entries where action = 'notice.resent'`);
    expect(entry).toEqual({ action: "notice.resent", entity_id: String(dead.id) });
    email.close?.();
    await smtp.close();
  });
});

describe("secrets", () => {
  it("no password appears in any outbox row, in the journal entries they point to, or in a delivered message", async () => {
    const rows = await queryRows<{ row: string }>(h.db, sql`select (to_jsonb(n) || jsonb_build_object('entry', to_jsonb(e)))::text as row from notices n join journal_entries e on e.id = n.journal_entry_id`);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.row).not.toMatch(/Kyrgyz#2025|Bishkek#2026|\$argon2/);
  });
});
