import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { staffUsers } from "../../db/schema";
import type { StaffActor } from "../actor";
import { appendJournal } from "../journal";
import { hashPassword, verifyPassword } from "./argon";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60_000;

// Verified when the user does not exist, so an unknown name costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
function dummy() {
  dummyHash ??= hashPassword("not-a-real-password-Aa1!");
  return dummyHash;
}

export type SignInResult = { ok: true; actor: StaffActor; locale: string | null } | { ok: false };

/**
 * Checks a staff member's credentials. Every failure looks the same to the caller (no hint whether
 * the name exists); five failures lock the account for 15 minutes. Successes are journaled.
 */
export async function signIn(db: Db, username: string, password: string, now = new Date()): Promise<SignInResult> {
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.username, username.trim().toLowerCase())).limit(1);
  if (!user) {
    await verifyPassword(await dummy(), password);
    return { ok: false };
  }
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  const matches = await verifyPassword(user.passwordHash, password);
  if (locked || user.disabled || !matches) {
    if (!locked && !user.disabled) {
      await db
        .update(staffUsers)
        .set({
          failedAttempts: sql`${staffUsers.failedAttempts} + 1`,
          lockedUntil: sql`case when ${staffUsers.failedAttempts} + 1 >= ${MAX_FAILED_SIGN_INS} then ${new Date(now.getTime() + LOCKOUT_MS).toISOString()}::timestamptz else null end`,
        })
        .where(eq(staffUsers.id, user.id));
    }
    return { ok: false };
  }
  const actor: StaffActor = { type: "staff", id: user.id, role: user.role, officeCode: user.officeCode, fullName: user.fullName };
  await db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staffUsers.id, user.id));
    await appendJournal(tx, { actor, officeCode: user.officeCode, action: "staff.signed_in", entityType: "staff", entityId: user.id });
  });
  return { ok: true, actor, locale: user.locale };
}
