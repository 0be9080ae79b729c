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

/** libuv's pool when UV_THREADPOOL_SIZE is not set. */
const DEFAULT_THREAD_POOL_SIZE = 4;

/**
 * At most one Argon2 computation per core at a time. Each holds 19 MiB that it sweeps twice: more
 * at once than cores only time-slice those sweeps and evict each other's memory from the shared
 * cache, which lowered throughput (docs/benchmarks.md, credential API). With several worker
 * processes (WEB_CONCURRENCY) the cores are shared out between them. Never all of libuv's pool
 * either (UV_THREADPOOL_SIZE, 4 by default), unless it has a single thread: one stays free for
 * file, zlib and DNS work while sign-ins queue. A server with more cores raises UV_THREADPOOL_SIZE
 * (docs/operations.md).
 */
export function argon2Concurrency(cores = availableParallelism(), poolSize = DEFAULT_THREAD_POOL_SIZE, workers = 1): number {
  return Math.max(1, Math.min(Math.floor(cores / workers), poolSize - 1));
}
const argon2Slots = pLimit(argon2Concurrency());

/**
 * The queue's pace, ms per computation: what a queued computation really waits per computation
 * ahead of it, with the cores shared with HTTP and SQL work. A moving average, first guessed as a
 * slow machine's. While others wait it learns from the time between two computations finishing;
 * otherwise from the computation's own time shared over the slots, so that it always moves and
 * a bound it once rose above never keeps the queue empty for good. One stall (a paused VM) moves
 * it at most fourfold.
 */
let paceMs = 15 / argon2Slots.concurrency;

/**
 * The process's share of the machine, set once at start from UV_THREADPOOL_SIZE and WEB_CONCURRENCY
 * (app/utils/env.server.ts); until then one process with libuv's default pool.
 */
export function configurePasswordHashing(settings: { threadPoolSize?: number; workers?: number }): void {
  argon2Slots.concurrency = argon2Concurrency(availableParallelism(), settings.threadPoolSize ?? DEFAULT_THREAD_POOL_SIZE, settings.workers ?? 1);
  paceMs = 15 / argon2Slots.concurrency;
}
let lastDone = 0;
let busyAtLastDone = false;

function learnPace(sampleMs: number) {
  paceMs += (Math.min(sampleMs, 4 * paceMs) - paceMs) / 16;
}

/** Runs an Argon2 computation in a slot and learns the queue's pace. */
function inSlot<T>(compute: () => Promise<T>): Promise<T> {
  return argon2Slots(async () => {
    const started = performance.now();
    try {
      return await compute();
    } finally {
      const now = performance.now();
      const busy = argon2Slots.pendingCount > 0;
      learnPace(busy && busyAtLastDone ? now - lastDone : (now - started) / argon2Slots.concurrency);
      lastDone = now;
      busyAtLastDone = busy;
    }
  });
}

/** Password checks admitted by the API and not finished: queued, computing, or still on their way (key, count, account). */
let admitted = 0;

/**
 * Admits one password check when the work ahead of it would let it start within `maxWaitMs`: the
 * checks already admitted (counted from admission, so a burst that has not reached the queue yet
 * counts too) or the computations queued and running, whichever is more, at the queue's measured
 * pace. The Cabinet API sheds load above that bound instead of letting every
 * caller wait ever longer (decision 042). An admitted check calls `release` when it is done.
 */
export function admitPasswordCheck(maxWaitMs: number): { admitted: true; release: () => void } | { admitted: false; waitMs: number } {
  const ahead = Math.max(admitted, argon2Slots.pendingCount + argon2Slots.activeCount);
  const waitMs = ahead * paceMs;
  if (ahead >= argon2Slots.concurrency && waitMs > maxWaitMs) return { admitted: false, waitMs };
  admitted++;
  let released = false;
  return {
    admitted: true,
    release() {
      if (!released) admitted--;
      released = true;
    },
  };
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
