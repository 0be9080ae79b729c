import { hash, verify } from "@node-rs/argon2";

/**
 * Argon2id with the OWASP minimum (m=19456 KiB, t=2, p=1). The password itself is never stored,
 * logged or returned; only this hash, and only as long as it can still be used.
 */
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS as never);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** A hash of a random secret: unknown logins are verified against it so they take as long. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomUUID());
  return dummy;
}
