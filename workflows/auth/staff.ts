import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../../db/client";
import { offices, staffSecondFactors, staffUsers } from "../../db/schema";
import { requireRegion } from "../admin/regions";
import { endSessions } from "./sessions";
import { type StaffActor, requireAdmin } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { isUuid, requireUuid } from "../lifecycle/ids";
import { hashPassword, verifyPassword } from "./argon";

/** Staff passwords: the same strength rule as the applicants' (RU seed), at least 10 characters. */
export const staffPasswordSchema = z
  .string({ message: "password.too_short" })
  .min(10, "password.too_short")
  .max(200, "password.too_long")
  .regex(/[a-zа-яё]/, "password.needs_lower")
  .regex(/[A-ZА-ЯЁ]/, "password.needs_upper")
  .regex(/\d/, "password.needs_digit")
  .regex(/[^\p{L}\p{N}]/u, "password.needs_special");

const usernameSchema = z
  .string({ message: "staff.username_format" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,39}$/, "staff.username_format");
const fullNameSchema = z.string({ message: "staff.full_name_required" }).trim().min(3, "staff.full_name_required").max(200, "staff.full_name_too_long");

export const newStaffSchema = z
  .object({
    username: usernameSchema,
    fullName: fullNameSchema,
    role: z.enum(["inspector", "supervisor", "admin"], { message: "staff.role_required" }),
    officeCode: z.string().trim().optional().transform((v) => (v ? v : null)),
    password: staffPasswordSchema,
  })
  .refine((v) => (v.role === "admin") === (v.officeCode === null), { message: "staff.office_by_role", path: ["officeCode"] });

export type NewStaff = z.infer<typeof newStaffSchema>;

/** An office named by a staff form must exist. */
async function requireOffice(tx: DbOrTx, code: string): Promise<void> {
  const [office] = await tx.select({ code: offices.code }).from(offices).where(eq(offices.code, code));
  if (!office) throw new WorkflowError("validation", "staff.office_unknown", { field: "officeCode" });
}

export async function listStaff(db: Db) {
  return db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      fullName: staffUsers.fullName,
      role: staffUsers.role,
      officeCode: staffUsers.officeCode,
      disabled: staffUsers.disabled,
      disabledReason: staffUsers.disabledReason,
      jurisdiction: staffUsers.jurisdiction,
      regionCode: staffUsers.regionCode,
      lockedUntil: staffUsers.lockedUntil,
      secondFactorSince: staffSecondFactors.enabledAt,
    })
    .from(staffUsers)
    .leftJoin(staffSecondFactors, eq(staffSecondFactors.userId, staffUsers.id))
    .orderBy(asc(staffUsers.officeCode), asc(staffUsers.role), asc(staffUsers.username));
}

export async function createStaff(db: Db, actor: StaffActor, input: NewStaff) {
  requireAdmin(actor);
  if (input.officeCode) await requireOffice(db, input.officeCode);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, input.username));
    if (taken) throw new WorkflowError("validation", "staff.username_taken", { field: "username" });
    const [row] = await tx
      .insert(staffUsers)
      .values({ username: input.username, fullName: input.fullName, role: input.role, officeCode: input.officeCode, passwordHash })
      .returning({ id: staffUsers.id });
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: "staff.created",
      entityType: "staff",
      entityId: row.id,
      after: { username: input.username, role: input.role, officeCode: input.officeCode },
    });
    return row;
  });
}

export const firstAdministratorSchema = z.object({ username: usernameSchema, fullName: fullNameSchema, password: staffPasswordSchema });

/**
 * The first administrator of an installation (`npm run admin:create`): there is no one yet to act
 * as, so the system actor makes the account and journals it. Only while no enabled administrator
 * exists; after that, administrators make staff accounts themselves (Administration → Staff).
 * Two runs at once make one account: the check and the insert hold a transaction advisory lock.
 */
export async function createFirstAdministrator(db: Db, input: { username: string; fullName: string; password: string }) {
  const parsed = firstAdministratorSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkflowError("validation", issue.message, { field: String(issue.path[0] ?? "") });
  }
  const { username, fullName, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cabinet-access:first-administrator'))`);
    const [admin] = await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, "admin"), eq(staffUsers.disabled, false)))
      .limit(1);
    if (admin) throw new WorkflowError("conflict", "staff.administrator_exists");
    const [taken] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username));
    if (taken) throw new WorkflowError("validation", "staff.username_taken", { field: "username" });
    const [row] = await tx
      .insert(staffUsers)
      .values({ username, fullName, role: "admin", officeCode: null, passwordHash })
      .returning({ id: staffUsers.id });
    await appendJournal(tx, {
      actor: { type: "system" },
      officeCode: null,
      action: "staff.created",
      entityType: "staff",
      entityId: row.id,
      after: { username, role: "admin", officeCode: null, via: "admin:create" },
    });
    return row;
  });
}

export const disableReasonSchema = z
  .string({ message: "staff.reason_required" })
  .trim()
  .min(3, "staff.reason_required")
  .max(500, "staff.reason_too_long");

/**
 * Disabling (with the reason, which the journal keeps) or re-enabling a staff account. Disabling
 * ends their sessions in the same transaction (decision 068): no request of theirs is answered
 * after the administrator's commit.
 */
export async function setStaffDisabled(db: Db, actor: StaffActor, userId: string, disabled: boolean, reason?: string) {
  requireAdmin(actor);
  requireUuid(userId, "not_found");
  if (userId === actor.id) throw new WorkflowError("validation", "staff.cannot_disable_self");
  let why: string | null = null;
  if (disabled) {
    const parsed = disableReasonSchema.safeParse(reason);
    if (!parsed.success) throw new WorkflowError("validation", parsed.error.issues[0].message, { field: "reason" });
    why = parsed.data;
  }
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ disabled: staffUsers.disabled, reason: staffUsers.disabledReason })
      .from(staffUsers)
      .where(eq(staffUsers.id, userId))
      .for("update");
    if (!before) throw new WorkflowError("not_found", "not_found");
    if (before.disabled === disabled) throw new WorkflowError("conflict", disabled ? "staff.already_disabled" : "staff.already_enabled");
    await tx
      .update(staffUsers)
      .set({ disabled, failedAttempts: 0, lockedUntil: null, ...(disabled ? { disabledReason: why } : {}) })
      .where(eq(staffUsers.id, userId));
    const sessionsEnded = disabled ? await endSessions(tx, userId) : 0;
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: disabled ? "staff.disabled" : "staff.enabled",
      entityType: "staff",
      entityId: userId,
      before: { disabled: before.disabled },
      after: disabled ? { disabled, reason: why, sessionsEnded } : { disabled },
    });
    return { sessionsEnded };
  });
}

/** A new password set by an administrator; the person's sessions end with it, in one transaction. */
export async function resetStaffPassword(db: Db, actor: StaffActor, userId: string, password: string) {
  requireAdmin(actor);
  const parsed = staffPasswordSchema.safeParse(password);
  if (!parsed.success) throw new WorkflowError("validation", parsed.error.issues[0].message, { field: "password" });
  requireUuid(userId, "not_found");
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(staffUsers)
      .set({ passwordHash, failedAttempts: 0, lockedUntil: null })
      .where(eq(staffUsers.id, userId))
      .returning({ id: staffUsers.id });
    if (updated.length === 0) throw new WorkflowError("not_found", "not_found");
    const sessionsEnded = await endSessions(tx, userId);
    await appendJournal(tx, { actor, officeCode: null, action: "staff.password_reset", entityType: "staff", entityId: userId, after: { sessionsEnded } });
  });
}

/**
 * Moves an inspector or supervisor to another office (decision 068). Their open work stays where
 * it is: applications, proposals and corrections belong to their office, not to the person, so
 * the old office's staff carry them on, and the mover acts only in the new office from their next
 * request (the session reads the office from the account). Earlier journal entries keep the
 * office they were made in; the move itself is journaled, and the person's history is read from
 * the journal.
 */
export async function moveStaff(db: Db, actor: StaffActor, userId: string, officeCode: string) {
  requireAdmin(actor);
  requireUuid(userId, "not_found");
  const to = officeCode.trim();
  return db.transaction(async (tx) => {
    await requireOffice(tx, to);
    const [before] = await tx
      .select({ role: staffUsers.role, officeCode: staffUsers.officeCode })
      .from(staffUsers)
      .where(eq(staffUsers.id, userId))
      .for("update");
    if (!before) throw new WorkflowError("not_found", "not_found");
    if (before.role === "admin") throw new WorkflowError("validation", "staff.admin_has_no_office", { field: "officeCode" });
    if (before.officeCode === to) throw new WorkflowError("validation", "staff.same_office", { field: "officeCode" });
    await tx.update(staffUsers).set({ officeCode: to }).where(eq(staffUsers.id, userId));
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: "staff.moved",
      entityType: "staff",
      entityId: userId,
      before: { officeCode: before.officeCode },
      after: { officeCode: to },
    });
  });
}

export const jurisdictionSchema = z
  .object({
    jurisdiction: z.enum(["office", "region", "country"], { message: "staff.jurisdiction_required" }),
    regionCode: z.string().trim().optional().transform((v) => (v ? v : null)),
  })
  // The form keeps the region select filled whatever is chosen: a region counts only for a regional jurisdiction.
  .transform((v) => (v.jurisdiction === "region" ? v : { ...v, regionCode: null }))
  .refine((v) => v.jurisdiction !== "region" || v.regionCode !== null, { message: "staff.region_by_jurisdiction", path: ["regionCode"] });

/** What a supervisor sees beyond their office (decision 067): their office, a region, or the country. */
export async function setStaffJurisdiction(db: Db, actor: StaffActor, userId: string, input: z.infer<typeof jurisdictionSchema>) {
  requireAdmin(actor);
  requireUuid(userId, "not_found");
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: staffUsers.role, jurisdiction: staffUsers.jurisdiction, regionCode: staffUsers.regionCode })
      .from(staffUsers)
      .where(eq(staffUsers.id, userId))
      .for("update");
    if (!before) throw new WorkflowError("not_found", "not_found");
    if (before.role !== "supervisor" && input.jurisdiction !== "office") throw new WorkflowError("validation", "staff.jurisdiction_supervisors_only", { field: "jurisdiction" });
    if (input.regionCode) await requireRegion(tx, input.regionCode);
    if (before.jurisdiction === input.jurisdiction && before.regionCode === input.regionCode) return;
    await tx.update(staffUsers).set({ jurisdiction: input.jurisdiction, regionCode: input.regionCode }).where(eq(staffUsers.id, userId));
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: "staff.jurisdiction_changed",
      entityType: "staff",
      entityId: userId,
      before: { jurisdiction: before.jurisdiction, regionCode: before.regionCode },
      after: { jurisdiction: input.jurisdiction, regionCode: input.regionCode },
    });
  });
}

export async function changeOwnPassword(db: Db, actor: StaffActor, current: string, next: string) {
  const [user] = await db.select({ passwordHash: staffUsers.passwordHash }).from(staffUsers).where(eq(staffUsers.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw new WorkflowError("validation", "password.current_wrong", { field: "current" });
  }
  const parsed = staffPasswordSchema.safeParse(next);
  if (!parsed.success) throw new WorkflowError("validation", parsed.error.issues[0].message, { field: "password" });
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, actor.id));
    // Every session of theirs, this one included, ends with the old password (the page starts a fresh one).
    await endSessions(tx, actor.id);
    await appendJournal(tx, { actor, officeCode: actor.officeCode, action: "staff.password_changed", entityType: "staff", entityId: actor.id });
  });
}

export async function setStaffLocale(db: Db, userId: string, locale: string) {
  await db.update(staffUsers).set({ locale }).where(eq(staffUsers.id, userId));
}

/** One staff account as its audit page shows it (decision 068); null when there is none. */
export async function staffMember(db: Db, userId: string) {
  if (!isUuid(userId)) return null;
  const [row] = await db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      fullName: staffUsers.fullName,
      role: staffUsers.role,
      officeCode: staffUsers.officeCode,
      officeName: offices.name,
      disabled: staffUsers.disabled,
      disabledReason: staffUsers.disabledReason,
      jurisdiction: staffUsers.jurisdiction,
      regionCode: staffUsers.regionCode,
      createdAt: staffUsers.createdAt,
      secondFactorSince: staffSecondFactors.enabledAt,
    })
    .from(staffUsers)
    .leftJoin(offices, eq(offices.code, staffUsers.officeCode))
    .leftJoin(staffSecondFactors, eq(staffSecondFactors.userId, staffUsers.id))
    .where(eq(staffUsers.id, userId));
  return row ?? null;
}
