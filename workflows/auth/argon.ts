import { hash, verify, type Options } from "@node-rs/argon2";

/**
 * Argon2id with the OWASP minimum (m=19456 KiB, t=2, p=1), the parameters the Lucia guide uses.
 * `Algorithm` is a const enum in the package's typings and an empty object at run time, so under
 * isolatedModules/esbuild `Algorithm.Argon2id` would be undefined: the literal 2 is Argon2id.
 */
export const ARGON2ID_OPTIONS: Options = {
  algorithm: 2 as Options["algorithm"],
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/** Hashes a password into a PHC string ($argon2id$v=19$m=19456,t=2,p=1$...). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

/** True when `password` matches `passwordHash`; a malformed hash counts as a mismatch, not a crash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
