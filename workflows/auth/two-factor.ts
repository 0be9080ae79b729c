import { sha256 } from "@oslojs/crypto/sha2";
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { sessions, staffRecoveryCodes, staffSecondFactors, staffUsers } from "../../db/schema";
import { type StaffActor, type StaffRole, requireAdmin } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { requireUuid } from "../lifecycle/ids";
import { endSessions } from "./sessions";

/**
 * The staff second factor (docs/decisions/065-staff-second-factor.md): TOTP as the Lucia guide
 * does it (RFC 6238, 30-second steps, 6 digits, SHA-1, a 20-byte key) and eight one-time recovery
 * codes. Everything here checks who acts itself; the routes only pass the request on.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side is accepted: a phone whose clock is a little off, a code typed as it turned. */
export const TOTP_GRACE_STEPS = 1;
export const RECOVERY_CODE_COUNT = 8;
/** The name an authenticator app shows above the code. */
export const TOTP_ISSUER = "Cabinet Access";

const policy = { requiredForInspectors: false };

/** Set once at start from TOTP_REQUIRED_FOR_INSPECTORS (entry.server.tsx); supervisors and administrators always need it. */
export function configureSecondFactor(settings: { requiredForInspectors: boolean }): void {
  policy.requiredForInspectors = settings.requiredForInspectors;
}

export function secondFactorRequired(role: StaffRole): boolean {
  return role !== "inspector" || policy.requiredForInspectors;
}

/**
 * What a session still needs before it opens the staff pages: nothing ("done"), the code of the
 * factor its user has ("code"), or enrolling one, which the user's role requires ("enrol"). A
 * session with a step left opens only the second-step pages and sign-out.
 */
export type SecondFactorStep = "done" | "code" | "enrol";

export function secondFactorStep(s: { role: StaffRole; enrolled: boolean; verified: boolean }): SecondFactorStep {
  if (s.enrolled) return s.verified ? "done" : "code";
  return secondFactorRequired(s.role) ? "enrol" : "done";
}

/** A fresh TOTP key (160 bits, RFC 4226's recommended length). */
export function newTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(20));
}

/** The key as the page carries it through enrolment and as a person types it into an app: base32. */
export function totpKeyText(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key);
}

/** The key in the enrolment form back to bytes; anything but a 20-byte base32 key is refused. */
export function parseTotpKey(text: string): Uint8Array {
  let key: Uint8Array;
  try {
    key = decodeBase32IgnorePadding(text.replace(/\s+/g, "").toUpperCase());
  } catch {
    throw new WorkflowError("validation", "twoFactor.key_invalid");
  }
  if (key.length !== 20) throw new WorkflowError("validation", "twoFactor.key_invalid");
  return key;
}

/** The otpauth:// URI the enrolment QR code carries. */
export function totpKeyUri(username: string, key: Uint8Array): string {
  return createTOTPKeyURI(TOTP_ISSUER, username, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/**
 * Whether `code` is the key's TOTP at `now`, or one step before or after (the Lucia guide's
 * verifyTOTP is the middle step only; oslo's HOTP check compares in constant time).
 */
export function totpMatches(key: Uint8Array, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const step = BigInt(Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS));
  let matched = false;
  for (let d = -TOTP_GRACE_STEPS; d <= TOTP_GRACE_STEPS; d++) matched = verifyHOTP(key, step + BigInt(d), TOTP_DIGITS, code) || matched;
  return matched;
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

/**
 * Recovery codes are 80 random bits each (16 base32 letters, shown in groups of four). At that
 * entropy a plain SHA-256 is enough: no password-hash cost is needed to make a stolen hash useless.
 */
export function recoveryCodeHash(code: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalizeRecoveryCode(code))));
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
    return text.match(/.{4}/g)!.join("-");
  });
}

/** A code typed on the second step: six digits are a TOTP code, anything else a recovery code. */
export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ""));
}

/** The staff member's factor, for their own page and the administrator's list: when it was enabled and how many recovery codes are left. */
export async function secondFactorOf(db: DbOrTx, userId: string): Promise<{ enabledAt: Date; recoveryCodesLeft: number } | null> {
  const [factor] = await db.select({ enabledAt: staffSecondFactors.enabledAt }).from(staffSecondFactors).where(eq(staffSecondFactors.userId, userId));
  if (!factor) return null;
  const [left] = await db
    .select({ n: count() })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)));
  return { enabledAt: factor.enabledAt, recoveryCodesLeft: Number(left.n) };
}

async function markSessionVerified(tx: DbOrTx, sessionId: string, userId: string) {
  const marked = await tx
    .update(sessions)
    .set({ twoFactorVerified: true })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  // A session ended meanwhile (signed out elsewhere, reset by an administrator): nothing is enabled or verified.
  if (marked.length === 0) throw new WorkflowError("forbidden", "forbidden");
}

/**
 * Enrolment: the staff member scanned `keyText` and confirms it with a code from their app. The
 * factor is stored, eight recovery codes are made (returned to be shown this once, kept only as
 * hashes), and this session counts as having passed the second step. Journaled; when the session
 * was waiting for this enrolment, the sign-in is journaled too. A second enrolment is refused: a
 * factor is replaced only after an administrator's reset.
 */
export async function enrolSecondFactor(
  db: Db,
  actor: StaffActor,
  sessionId: string,
  input: { keyText: string; code: string },
  now = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  const key = parseTotpKey(input.keyText);
  if (!totpMatches(key, input.code.replace(/\s+/g, ""), now)) throw new WorkflowError("validation", "twoFactor.code_wrong", { field: "code" });
  const recoveryCodes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    const [session] = await tx
      .select({ verified: sessions.twoFactorVerified, disabled: staffUsers.disabled })
      .from(sessions)
      .innerJoin(staffUsers, eq(staffUsers.id, sessions.userId))
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.id)));
    if (!session || session.disabled) throw new WorkflowError("forbidden", "forbidden");
    const inserted = await tx
      .insert(staffSecondFactors)
      .values({ userId: actor.id, totpKey: Buffer.from(key), enabledAt: now })
      .onConflictDoNothing()
      .returning({ userId: staffSecondFactors.userId });
    if (inserted.length === 0) throw new WorkflowError("conflict", "twoFactor.already_enabled");
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, actor.id));
    await tx.insert(staffRecoveryCodes).values(recoveryCodes.map((c) => ({ userId: actor.id, codeHash: recoveryCodeHash(c) })));
    await markSessionVerified(tx, sessionId, actor.id);
    await appendJournal(tx, {
      actor,
      officeCode: actor.officeCode,
      action: "staff.two_factor_enabled",
      entityType: "staff",
      entityId: actor.id,
      after: { recoveryCodes: recoveryCodes.length },
    });
    if (!session.verified && secondFactorRequired(actor.role)) {
      await appendJournal(tx, { actor, officeCode: actor.officeCode, action: "staff.signed_in", entityType: "staff", entityId: actor.id, after: { secondFactor: "enrolled" } });
    }
  });
  return { recoveryCodes };
}

export type SecondStepResult = { ok: true; method: "totp" | "recovery_code"; recoveryCodesLeft: number | null } | { ok: false };

/**
 * The second step of a sign-in: a code from the app, or one of the recovery codes, which is then
 * used up (an atomic update: two requests with the same code cannot both pass). On success the
 * session is fully signed in and the sign-in is journaled (a recovery code's use too, with how many
 * are left). A wrong code changes nothing; the caller counts it (decision 053's buckets).
 */
export async function verifySecondFactor(db: Db, actor: StaffActor, sessionId: string, rawCode: string, now = new Date()): Promise<SecondStepResult> {
  const code = rawCode.trim().slice(0, 64);
  const [factor] = await db.select({ key: staffSecondFactors.totpKey }).from(staffSecondFactors).where(eq(staffSecondFactors.userId, actor.id));
  if (!factor || !code) return { ok: false };
  if (isTotpCode(code)) {
    if (!totpMatches(new Uint8Array(factor.key), code.replace(/\s+/g, ""), now)) return { ok: false };
    await db.transaction(async (tx) => {
      await markSessionVerified(tx, sessionId, actor.id);
      await appendJournal(tx, { actor, officeCode: actor.officeCode, action: "staff.signed_in", entityType: "staff", entityId: actor.id, after: { secondFactor: "totp" } });
    });
    return { ok: true, method: "totp", recoveryCodesLeft: null };
  }
  return db.transaction(async (tx): Promise<SecondStepResult> => {
    const used = await tx
      .update(staffRecoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(staffRecoveryCodes.userId, actor.id), eq(staffRecoveryCodes.codeHash, recoveryCodeHash(code)), isNull(staffRecoveryCodes.usedAt)))
      .returning({ id: staffRecoveryCodes.id });
    if (used.length === 0) return { ok: false };
    const [left] = await tx
      .select({ n: count() })
      .from(staffRecoveryCodes)
      .where(and(eq(staffRecoveryCodes.userId, actor.id), isNull(staffRecoveryCodes.usedAt)));
    const recoveryCodesLeft = Number(left.n);
    await markSessionVerified(tx, sessionId, actor.id);
    await appendJournal(tx, {
      actor,
      officeCode: actor.officeCode,
      action: "staff.recovery_code_used",
      entityType: "staff",
      entityId: actor.id,
      after: { recoveryCodesLeft },
    });
    await appendJournal(tx, { actor, officeCode: actor.officeCode, action: "staff.signed_in", entityType: "staff", entityId: actor.id, after: { secondFactor: "recovery_code" } });
    return { ok: true, method: "recovery_code", recoveryCodesLeft };
  });
}

/**
 * An administrator resets a staff member's second factor (a lost phone, used-up recovery codes):
 * the factor and the recovery codes are deleted and every session of that person ends, in one
 * transaction with the journal entry, so no session signed in with the old factor outlives it. At
 * their next sign-in they enrol again (or, an inspector whose factor is optional, simply sign in).
 * Not one's own: another administrator does it, so a stolen session cannot swap its owner's factor.
 */
export async function resetSecondFactor(db: Db, actor: StaffActor, userId: string): Promise<{ sessionsEnded: number }> {
  requireAdmin(actor);
  requireUuid(userId, "not_found");
  if (userId === actor.id) throw new WorkflowError("validation", "staff.cannot_reset_own_factor");
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, userId)).for("update");
    if (!user) throw new WorkflowError("not_found", "not_found");
    const factor = await tx.delete(staffSecondFactors).where(eq(staffSecondFactors.userId, userId)).returning({ enabledAt: staffSecondFactors.enabledAt });
    if (factor.length === 0) throw new WorkflowError("conflict", "staff.two_factor_not_enabled");
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
    const ended = await endSessions(tx, userId);
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: "staff.two_factor_reset",
      entityType: "staff",
      entityId: userId,
      before: { enabledAt: factor[0].enabledAt.toISOString() },
      after: { sessionsEnded: ended },
    });
    return { sessionsEnded: ended };
  });
}
