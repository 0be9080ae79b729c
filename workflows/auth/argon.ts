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

/** One computation's duration, ms: a moving average of those that ran (the first guess is a slow machine's). */
let computationMs = 15;

/** Runs an Argon2 computation in a slot and learns how long one takes on this machine. */
function inSlot<T>(compute: () => Promise<T>): Promise<T> {
  return argon2Slots(async () => {
    const started = performance.now();
    try {
      return await compute();
    } finally {
      computationMs += (performance.now() - started - computationMs) / 16;
    }
  });
}

/**
 * How long a computation asked for now would wait for a slot, ms: the queue ahead of it, shared
 * out over the slots, at the measured pace. The Cabinet API sheds load above a bound instead of
 * letting every caller wait ever longer (decision 042).
 */
export function argon2QueueWaitMs(): number {
  return (argon2Slots.pendingCount / argon2Slots.concurrency) * computationMs;
}

/** Hashes a password into a PHC string ($argon2id$v=19$m=19456,t=2,p=1$...). */
export function hashPassword(password: string): Promise<string> {
  return inSlot(() => hash(password, ARGON2ID_OPTIONS));
}

/** True when `password` matches `passwordHash`; a malformed hash counts as a mismatch, not a crash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inSlot(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}
