import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { staffUsers } from "../../db/schema";
import type { StaffActor } from "../actor";
import { appendJournal } from "../journal";
import { hashPassword, verifyPassword } from "./argon";

// Verified when the user does not exist, so an unknown name costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
function dummy() {
  dummyHash ??= hashPassword("not-a-real-password-Aa1!");
  return dummyHash;
}

export type SignInResult = { ok: true; actor: StaffActor; locale: string | null } | { ok: false };

/**
 * Checks a staff member's credentials. Every failure looks the same to the caller (no hint whether
 * the name exists). Failures never lock the account: the caller counts guesses per address and
 * source (decision 053), since a lock anyone can trigger keeps the owner out. Successes are journaled.
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
  await db.transaction(async (tx) => {
    await appendJournal(tx, { actor, officeCode: user.officeCode, action: "staff.signed_in", entityType: "staff", entityId: user.id });
  });
  return { ok: true, actor, locale: user.locale };
}
