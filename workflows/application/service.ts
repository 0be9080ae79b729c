import { type Db, type Tx } from "../../db/client";
import { applications, type GrantEffect } from "../../db/schema";
import { accessFact, accountByInn } from "../account/access";
import { generateLogin } from "../account/login";
import { accountMachine } from "../account/machine";
import type { Actor, StaffActor } from "../actor";
import { annulmentEntryDue, draftExpiry, officeYear } from "../clock/deadlines";
import { overdueEntry, unrecordedLateness } from "../clock/lateness";
import type { JournalAction } from "../journal/actions";
import type { JournalInput } from "../journal/append";
import { lifecycleConfig } from "../lifecycle/config";
import { hashPassword } from "../credentials/password";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { applyAccountEvent, applyApplicationEvent, between, officeTimeZone, type RunOptions } from "../lifecycle/runner";
import { checkSubjectOffice, requireOfficeStaff, requireSubjectOffice } from "../lifecycle/office";
import { firstSnapshot } from "../lifecycle/machine-step";
import { takeNumber } from "../numbering";
import { requiredChecklist } from "./checklist";
import type { SubjectFacts } from "./checks";
import { generateCode } from "./code";
import type { NoticeLanguage } from "./contact";
import { makeApplicationFormSchema, type ApplicationFormInput } from "./form";
import type { Ground } from "./grounds";
import { applicationMachine } from "./machine";
import { lockSubject, presentFacts } from "./siblings";
import { ACCOUNT_NOT_WRITTEN, applicationChanges, decidedEntry, insertDecision, journalApp, lockApplication, lockApplicationWithFacts, writeApplication, type AccountSeen, type AccountWrite } from "./persist";

type AppRow = typeof applications.$inferSelect;
type OfficeStaff = StaffActor & { officeCode: string };

const iso = (d: Date) => d.toISOString();
const dateOrNull = (s: string | null) => (s ? new Date(s) : null);

export interface SubmitOptions extends RunOptions {
  /**
   * The language of the page the form was sent from (the request's, never a field the browser
   * sends): the notices are written in it. The public route always gives it.
   */
  language?: NoticeLanguage;
}

/** R3: the applicant saves the form online; the answer is the generated code (R6). */
export async function submitApplication(db: Db, input: ApplicationFormInput, now: Date, opts?: SubmitOptions): Promise<{ id: string; code: string }> {
  const parsed = makeApplicationFormSchema(() => now).safeParse(input);
  if (!parsed.success) {
    throw new WorkflowError("validation", "application.invalid", {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  const { password, passwordConfirm: _confirm, requestKind, subjectType, inn, name, ...rest } = parsed.data;
  const passwordHash = requestKind === "annul" ? null : await hashPassword(password!);
  const expiresAt = draftExpiry(now, lifecycleConfig.draftTtlDays);
  return db.transaction(async (tx) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = generateCode();
      const snapshot = firstSnapshot(applicationMachine, { kind: requestKind, inn, code, savedAt: iso(now), expiresAt: iso(expiresAt) });
      const [row] = await tx
        .insert(applications)
        .values({
          code,
          inn,
          requestKind,
          subjectType,
          applicantName: name,
          form: { ...rest, subjectType, requestKind, ...(opts?.language ? { language: opts.language } : {}) },
          passwordHash,
          status: snapshot.value,
          snapshot: applicationMachine.getPersistedSnapshot(snapshot) as unknown,
          createdAt: now,
          expiresAt,
        })
        .onConflictDoNothing({ target: applications.code })
        .returning({ id: applications.id });
      if (!row) continue; // the code exists already: draw again
      await between(opts, "application");
      await appendJournal(tx, {
        actor: { type: "public" },
        officeCode: null,
        action: "application.saved",
        subjectInn: inn,
        entityType: "application",
        entityId: row.id,
        before: null,
        after: { status: "draft", requestKind, code },
      });
      return { id: row.id, code };
    }
    throw new WorkflowError("conflict", "application.code_exhausted");
  });
}

/** R6: the inspector registers the receipt at the front desk; the 20-minute clock starts (R14). */
export async function presentApplication(db: Db, actor: Actor, applicationId: string, now: Date, opts?: RunOptions): Promise<{ decisionDueAt: Date | null }> {
  const staff = requireOfficeStaff(actor);
  return db.transaction(async (tx) => {
    const row = await lockApplication(tx, applicationId, opts);
    const office = await requireSubjectOffice(tx, staff, row.inn, null);
    await lockSubject(tx, row.inn);
    const others = await presentFacts(tx, row);
    const step = applyApplicationEvent(row.snapshot, { type: "PRESENT", at: iso(now), by: staff.id, officeCode: office, ...others });
    await writeApplication(tx, row, step, { overdueRecordedAt: null });
    await between(opts, "application");
    await journalApp(tx, staff, row, office, "application.presented", { status: step.before }, {
      status: step.after,
      decisionDueAt: step.next.context.decisionDueAt,
    });
    return { decisionDueAt: dateOrNull(step.next.context.decisionDueAt) };
  });
}

/** R6: a failed check returns the application with the reasons; the applicant may come back with the same code. */
export async function returnApplication(db: Db, actor: Actor, applicationId: string, reasons: string[], now: Date, opts?: RunOptions): Promise<void> {
  const staff = requireOfficeStaff(actor);
  const clean = reasons.map((r) => r.trim()).filter(Boolean);
  if (clean.length === 0) throw new WorkflowError("validation", "return.reasons_required");
  await db.transaction(async (tx) => {
    const row = await lockApplication(tx, applicationId, opts);
    const office = await requireSubjectOffice(tx, staff, row.inn, row.officeCode);
    const step = applyApplicationEvent(row.snapshot, {
      type: "RETURN",
      at: iso(now),
      by: staff.id,
      reasons: clean,
      expiresAt: iso(draftExpiry(now, lifecycleConfig.draftTtlDays)),
    });
    await writeApplication(tx, row, step);
    await between(opts, "application");
    await journalApp(tx, staff, row, office, "application.returned", { status: step.before }, { status: step.after, reasons: clean });
    // After the last write (the entry and the notice it queued): a fault here rolls back both.
    await between(opts, "journal");
  });
}

/** R7 (R19 for annulments): the acceptance mark — incoming number per office and year, time, inspector. */
export async function acceptApplication(db: Db, actor: Actor, applicationId: string, checklist: string[], now: Date, opts?: RunOptions): Promise<{ incomingNumber: string }> {
  const staff = requireOfficeStaff(actor);
  return db.transaction(async (tx) => {
    const row = await lockApplication(tx, applicationId, opts);
    const office = await requireSubjectOffice(tx, staff, row.inn, row.officeCode);
    const required = requiredChecklist({ ...row.form, subjectType: row.subjectType }, lifecycleConfig.checklist);
    // R18: the subject's access, for the machine to tell whether there is one to annul (decision 047).
    const access = row.requestKind === "annul" ? accessFact(await accountByInn(tx, row.inn, false)) : undefined;
    const tz = await officeTimeZone(tx, office);
    // Applying the event before taking a number keeps a refused event from consuming one.
    const probe = { type: "ACCEPT" as const, at: iso(now), by: staff.id, incomingNumber: "", ticked: checklist, required, entryDueAt: null, access };
    applyApplicationEvent(row.snapshot, probe);
    const incomingNumber = await takeNumber(tx, office, "incoming", officeYear(now, tz));
    const entryDueAt = row.requestKind === "annul" ? iso(annulmentEntryDue(now, tz)) : null;
    await between(opts, "number");
    const step = applyApplicationEvent(row.snapshot, { ...probe, incomingNumber, entryDueAt });
    await writeApplication(tx, row, step);
    await between(opts, "application");
    await journalApp(tx, staff, row, office, "application.accepted", { status: step.before }, {
      status: step.after,
      incomingNumber,
      checklist: step.next.context.checklist,
      entryDueAt,
    });
    return { incomingNumber };
  });
}

/** A decision made past R14's due time records its own lateness, unless the sweeper did first. */
function decisionLateness(row: AppRow, now: Date): { columns: { overdueRecordedAt?: Date }; entries: JournalInput[] } {
  const due = unrecordedLateness(row, "decision", now);
  if (!due) return { columns: {}, entries: [] };
  return { columns: { overdueRecordedAt: now }, entries: [overdueEntry(row, "decision", due, row.status)] };
}

/** The office's calendar year of a decision, from the time zone the checks read with the registry. */
async function decisionYear(tx: Tx, office: string, facts: SubjectFacts, now: Date): Promise<number> {
  const tz = facts.registration.officeCode === office && facts.officeTimeZone ? facts.officeTimeZone : await officeTimeZone(tx, office);
  return officeYear(now, tz);
}

/**
 * R8–R15: grant. Impossible while an R9 ground exists. The login is created at the first grant
 * (unique index), and kept on restoration (R17) and on a new grant after annulment.
 *
 * Two statements: the application's lock with the checks and the subject's account, then the
 * decision's statement — the account's write, the application's update, the number, the decision,
 * the journal chain head and the entries — with COMMIT right behind it, so the per-office hot rows
 * are held for that statement and the commit only. The account is read in the first statement and
 * written under a version check in the last; a login already taken, an account created by a
 * concurrent grant to the same INN or changed since it was read fails the last statement, and the
 * grant runs again (a new login is drawn; an account that now exists is restored instead).
 */
export async function grantAccess(db: Db, actor: Actor, applicationId: string, now: Date, opts?: RunOptions): Promise<{ decisionId: string; login: string }> {
  const staff = requireOfficeStaff(actor);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => grantOnce(tx, staff, applicationId, now, opts));
    } catch (error) {
      if (!failedWith(error, ACCOUNT_NOT_WRITTEN)) throw error;
      if (attempt === 8) throw new WorkflowError("conflict", "account.login_exhausted");
    }
  }
}

/** A statement's own failure (fail_statement), through the driver's and drizzle's wrapping. */
function failedWith(error: unknown, reason: string): boolean {
  for (let e = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) if (e.message === reason) return true;
  return false;
}

async function grantOnce(tx: Tx, staff: OfficeStaff, applicationId: string, now: Date, opts?: RunOptions) {
  const { row, facts, account } = await lockApplicationWithFacts(tx, applicationId, opts);
  const office = checkSubjectOffice(staff, facts.registration.officeCode, row.officeCode);
  const step = applyApplicationEvent(row.snapshot, { type: "GRANT", at: iso(now), by: staff.id, found: facts.grounds });
  if (!row.passwordHash) throw new WorkflowError("conflict", "application.no_password");
  const year = await decisionYear(tx, office, facts, now);
  const { login, write, effect, accountBefore } = accountWrite(staff, row, account, office, now);
  const lateness = decisionLateness(row, now);
  const decision = await insertDecision(
    tx,
    { applicationId: row.id, officeCode: office, year, outcome: "granted", grounds: [], login, effect, decidedBy: staff.id, decidedAt: now },
    // The hash moves to the account: the application keeps none.
    { application: { row, changes: applicationChanges(row, step, { passwordHash: null, ...lateness.columns }) }, account: write },
    [
      ...lateness.entries,
      decidedEntry(staff, office, row, step, "application.granted", { login, effect }),
      {
        actor: staff,
        officeCode: office,
        action: ACCOUNT_ACTION[effect],
        subjectInn: row.inn,
        entityType: "account",
        entityId: login,
        before: accountBefore ? { status: accountBefore } : null,
        after: { status: "active", login, applicationId: row.id },
      },
    ],
  );
  return { decisionId: decision.id, login };
}

/** The account's journal entry of each grant effect. */
const ACCOUNT_ACTION: Record<GrantEffect, JournalAction> = {
  first_grant: "account.created",
  restoration: "account.password_replaced",
  reinstatement: "account.reinstated",
};

/**
 * The grant's write of the subject's account, for the decision's statement (it writes one row or
 * fails): a new account with a newly drawn login, inserted only if the INN and the login are free;
 * or the existing one restored (R17) or reinstated, only at the version read. Its effect — first
 * grant, restoration, reinstatement — follows from the account found, never from the kind of
 * application (decision 046), and is recorded with the decision.
 */
function accountWrite(staff: OfficeStaff, app: AppRow, existing: AccountSeen | null, office: string, now: Date) {
  const passwordHash = app.passwordHash!;
  if (!existing) {
    const login = generateLogin();
    const snapshot = firstSnapshot(accountMachine, { inn: app.inn, login, officeCode: office, at: iso(now) });
    const write: AccountWrite = {
      kind: "insert",
      inn: app.inn,
      login,
      passwordHash,
      snapshot: accountMachine.getPersistedSnapshot(snapshot),
      officeCode: office,
      at: now,
    };
    return { login, write, effect: "first_grant" as const, accountBefore: null };
  }
  const event =
    existing.status === "annulled"
      ? ({ type: "REINSTATE", at: iso(now), by: staff.id } as const)
      : ({ type: "REPLACE_PASSWORD", at: iso(now), by: staff.id } as const);
  const step = applyAccountEvent(existing.snapshot, event, "account.suspended");
  const write: AccountWrite = {
    kind: "update",
    id: existing.id,
    version: existing.version,
    changes: {
      passwordHash,
      status: step.after as "active",
      snapshot: step.persisted as unknown,
      version: existing.version + 1,
      officeCode: office,
      updatedAt: now,
      accessEndsAt: null,
    },
  };
  return {
    login: existing.login,
    write,
    effect: event.type === "REINSTATE" ? ("reinstatement" as const) : ("restoration" as const),
    accountBefore: existing.status,
  };
}

/** R9, R10: refusal, only on grounds the checks found; the password hash is wiped. */
export async function refuseAccess(db: Db, actor: Actor, applicationId: string, grounds: Ground[], now: Date, opts?: RunOptions): Promise<{ decisionId: string }> {
  const staff = requireOfficeStaff(actor);
  if (!Array.isArray(grounds)) throw new WorkflowError("validation", "refusal.grounds_required");
  return db.transaction(async (tx) => {
    const { row, facts } = await lockApplicationWithFacts(tx, applicationId, opts);
    const office = checkSubjectOffice(staff, facts.registration.officeCode, row.officeCode);
    const step = applyApplicationEvent(row.snapshot, { type: "REFUSE", at: iso(now), by: staff.id, grounds, found: facts.grounds });
    const year = await decisionYear(tx, office, facts, now);
    const lateness = decisionLateness(row, now);
    // Number and journal head last, as in grantAccess.
    const decision = await insertDecision(
      tx,
      { applicationId: row.id, officeCode: office, year, outcome: "refused", grounds, login: null, effect: null, decidedBy: staff.id, decidedAt: now },
      { application: { row, changes: applicationChanges(row, step, { passwordHash: null, ...lateness.columns }) } },
      [...lateness.entries, decidedEntry(staff, office, row, step, "application.refused", { grounds })],
    );
    return { decisionId: decision.id };
  });
}

