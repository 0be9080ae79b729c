import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { preparedPerDb } from "../../db/prepared";
import { offices, sessions, staffSecondFactors, staffUsers } from "../../db/schema";
import { secondFactorStep, type SecondFactorStep } from "../../workflows/auth/two-factor";

/**
 * Sessions as the Lucia guide builds them: a 20-byte random token lives only in the cookie; the
 * database keeps its SHA-256, so a leaked table cannot be replayed. Expiry slides with activity (an
 * idle inspector is signed out) and is capped at one office shift.
 */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * A new session after the password. It has passed the second step only when told so: a password
 * change carries its session's standing over to the fresh one (decision 065).
 */
export async function createSession(db: Db, token: string, userId: string, now = new Date(), opts: { twoFactorVerified?: boolean } = {}) {
  const session = {
    id: sessionIdOf(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    createdAt: now,
    twoFactorVerified: opts.twoFactorVerified ?? false,
  };
  await db.insert(sessions).values(session);
  return session;
}

export type SessionUser = {
  id: string;
  username: string;
  fullName: string;
  role: "inspector" | "supervisor" | "admin";
  officeCode: string | null;
  /** The zone of the staff member's office, in which every page shows them times; null for an administrator. */
  officeTimeZone: string | null;
  locale: string | null;
};

// A session's row with its user, office and second factor: read on every page, built once (preparedPerDb).
const sessionRow = preparedPerDb((db) =>
  db
    .select({
      session: { id: sessions.id, expiresAt: sessions.expiresAt, createdAt: sessions.createdAt, twoFactorVerified: sessions.twoFactorVerified },
      enrolledAt: staffSecondFactors.enabledAt,
      user: {
        id: staffUsers.id,
        username: staffUsers.username,
        fullName: staffUsers.fullName,
        role: staffUsers.role,
        officeCode: staffUsers.officeCode,
        officeTimeZone: offices.timeZone,
        locale: staffUsers.locale,
        disabled: staffUsers.disabled,
      },
    })
    .from(sessions)
    .innerJoin(staffUsers, eq(sessions.userId, staffUsers.id))
    .leftJoin(offices, eq(offices.code, staffUsers.officeCode))
    .leftJoin(staffSecondFactors, eq(staffSecondFactors.userId, staffUsers.id))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("session_row"),
);

export async function validateSessionToken(db: Db, token: string, now = new Date()) {
  const id = sessionIdOf(token);
  const [row] = await sessionRow(db).execute({ id });
  if (!row) return null;
  const expired = now >= row.session.expiresAt || now.getTime() - row.session.createdAt.getTime() >= SESSION_MAX_MS;
  if (expired || row.user.disabled) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Slide the expiry, but write at most once a minute per session.
  if (row.session.expiresAt.getTime() - now.getTime() < SESSION_IDLE_MS - 60_000) {
    row.session.expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
    await db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id));
  }
  const { disabled: _disabled, ...user } = row.user;
  const step: SecondFactorStep = secondFactorStep({ role: user.role, enrolled: row.enrolledAt !== null, verified: row.session.twoFactorVerified });
  return { session: row.session, user: user as SessionUser, secondFactor: { enrolled: row.enrolledAt !== null, verified: row.session.twoFactorVerified, step } };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Deletes sessions past their idle expiry or their absolute lifetime (the background jobs call it). */
export async function pruneSessions(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, now), lte(sessions.createdAt, new Date(now.getTime() - SESSION_MAX_MS))))
    .returning({ id: sessions.id });
  return gone.length;
}
