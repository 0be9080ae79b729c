import { availableParallelism } from "node:os";
import { hash, verify, type Options } from "@node-rs/argon2";
import pLimit from "p-limit";

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

/**
 * At most one Argon2 computation per core at a time. Each holds 19 MiB that it sweeps twice: more
 * at once than cores only time-slice those sweeps and evict each other's memory from the shared
 * cache, which lowered throughput (docs/benchmarks.md, credential API). Never all of libuv's pool
 * either (UV_THREADPOOL_SIZE, 4 by default): at least one thread stays free for file, zlib and DNS
 * work while sign-ins queue. A server with more cores raises UV_THREADPOOL_SIZE (docs/operations.md).
 */
export function argon2Concurrency(cores = availableParallelism(), poolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4): number {
  return Math.max(1, Math.min(cores, poolSize - 1));
}
const argon2Slots = pLimit(argon2Concurrency());

/** Hashes a password into a PHC string ($argon2id$v=19$m=19456,t=2,p=1$...). */
export function hashPassword(password: string): Promise<string> {
  return argon2Slots(() => hash(password, ARGON2ID_OPTIONS));
}

/** True when `password` matches `passwordHash`; a malformed hash counts as a mismatch, not a crash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2Slots(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}
