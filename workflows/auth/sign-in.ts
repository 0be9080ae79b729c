import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { staffSecondFactors, staffUsers } from "../../db/schema";
import type { StaffActor } from "../actor";
import { appendJournal } from "../journal";
import { hashPassword, verifyPassword } from "./argon";
import { secondFactorStep, type SecondFactorStep } from "./two-factor";

// Verified when the user does not exist, so an unknown name costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
function dummy() {
  dummyHash ??= hashPassword("not-a-real-password-Aa1!");
  return dummyHash;
}

/** `step`: what the new session still needs before the staff pages open (decision 065). */
export type SignInResult = { ok: true; actor: StaffActor; locale: string | null; step: SecondFactorStep } | { ok: false };

/**
 * Checks a staff member's credentials. Every failure looks the same to the caller (no hint whether
 * the name exists). Failures never lock the account: the caller counts guesses per address and
 * source (decision 053), since a lock anyone can trigger keeps the owner out. The password is the
 * first step: a user with a second factor, or whose role requires one, is signed in only by the
 * second step (workflows/auth/two-factor.ts), which journals it; a sign-in complete here is journaled here.
 */
export async function signIn(db: Db, username: string, password: string): Promise<SignInResult> {
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.username, username.trim().toLowerCase())).limit(1);
  if (!user) {
    await verifyPassword(await dummy(), password);
    return { ok: false };
  }
  const matches = await verifyPassword(user.passwordHash, password);
  if (user.disabled || !matches) return { ok: false };
  const actor: StaffActor = { type: "staff", id: user.id, role: user.role, officeCode: user.officeCode, fullName: user.fullName };
  const [factor] = await db.select({ userId: staffSecondFactors.userId }).from(staffSecondFactors).where(eq(staffSecondFactors.userId, user.id));
  const step = secondFactorStep({ role: user.role, enrolled: factor !== undefined, verified: false });
  if (step === "done") {
    await db.transaction(async (tx) => {
      await appendJournal(tx, { actor, officeCode: user.officeCode, action: "staff.signed_in", entityType: "staff", entityId: user.id });
    });
  }
  return { ok: true, actor, locale: user.locale, step };
}
