import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { rateLimits } from "../../db/schema";
import { admitPasswordCheck, argon2Concurrency } from "../../workflows/auth/argon";
import { hitRateLimit, hitRateLimits, refundRateLimit, refundRateLimits, type RateLimit } from "../../app/utils/rate-limit.server";
import { createTestDb } from "../support/db";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const RULE: RateLimit = { limit: 3, windowMs: 60_000 };
const T0 = new Date("2026-03-02T03:00:00.123Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("rate limits: fixed windows kept in the database", () => {
  it("counts hits in a window, refuses over the limit with the seconds left, and starts afresh after it", async () => {
    const bucket = "test:window";
    const rooms = [];
    for (let i = 0; i < 4; i++) rooms.push(await hitRateLimit(h.db, bucket, RULE, at(i * 1000)));
    expect(rooms.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(rooms[3].retryAfterSeconds).toBe(57);
    const next = await hitRateLimit(h.db, bucket, RULE, at(60_000));
    expect(next).toMatchObject({ allowed: true, hits: 1 });
  });

  it("a refund gives a hit back in its own window, never in the next one", async () => {
    const bucket = "test:refund";
    const first = await hitRateLimit(h.db, bucket, RULE, at(0));
    await refundRateLimit(h.db, bucket, first);
    expect((await hitRateLimit(h.db, bucket, RULE, at(1000))).hits).toBe(1);

    // A check counted just before the window ends and answered after it: its refund must not
    // lower the new window's count, or a guesser racing a valid sign-in gets an extra try.
    const late = await hitRateLimit(h.db, bucket, RULE, at(59_999));
    const guesses = [];
    for (let i = 0; i < 3; i++) guesses.push(await hitRateLimit(h.db, bucket, RULE, at(60_000 + i)));
    await refundRateLimit(h.db, bucket, late);
    const fourth = await hitRateLimit(h.db, bucket, RULE, at(60_010));
    expect(guesses.map((g) => g.allowed)).toEqual([true, true, true]);
    expect(fourth).toMatchObject({ allowed: false, hits: 4 });
    const [row] = (await h.db.select().from(rateLimits)).filter((r) => r.bucket === bucket);
    expect(row.hits).toBe(4);
  });

  it("several hits given back at once: each bucket once, each only in the window it was counted in, other buckets untouched", async () => {
    const LONG: RateLimit = { limit: 3, windowMs: 600_000 };
    const counted = [
      { bucket: "test:many:short", rule: RULE },
      { bucket: "test:many:long", rule: LONG },
      { bucket: "test:many:third", rule: RULE },
    ];
    await hitRateLimit(h.db, "test:many:bystander", RULE, at(0));
    await hitRateLimits(h.db, counted, at(0));
    const rooms = await hitRateLimits(h.db, counted, at(59_999));
    expect(rooms.rooms.map((r) => r.room.hits)).toEqual([2, 2, 2]);
    // The short windows roll over before the refund; the long one does not.
    await hitRateLimit(h.db, "test:many:short", RULE, at(60_000));
    await refundRateLimits(h.db, rooms);
    const hits = Object.fromEntries((await h.db.select().from(rateLimits)).filter((r) => r.bucket.startsWith("test:many:")).map((r) => [r.bucket, r.hits]));
    expect(hits).toEqual({ "test:many:short": 1, "test:many:long": 1, "test:many:third": 1, "test:many:bystander": 1 });
  });
});

describe("Argon2 concurrency", () => {
  it("one computation per core, cores shared out between worker processes, never the whole libuv pool", () => {
    expect(argon2Concurrency(2, 4, 1)).toBe(2);
    expect(argon2Concurrency(8, 4, 1)).toBe(3);
    expect(argon2Concurrency(8, 9, 1)).toBe(8);
    expect(argon2Concurrency(2, 4, 2)).toBe(1);
    expect(argon2Concurrency(8, 9, 2)).toBe(4);
    expect(argon2Concurrency(1, 1, 1)).toBe(1);
  });

  it("admits password checks from the moment they arrive: a burst is refused before any of it reaches the queue, and admitted again once released", () => {
    const held: (() => void)[] = [];
    let refused: ReturnType<typeof admitPasswordCheck> | null = null;
    for (let i = 0; i < 100_000 && !refused; i++) {
      const admission = admitPasswordCheck(2_000);
      if (admission.admitted) held.push(admission.release);
      else refused = admission;
    }
    expect(refused).toMatchObject({ admitted: false });
    expect(held.length).toBeGreaterThan(argon2Concurrency());
    for (const release of held) release();
    const again = admitPasswordCheck(2_000);
    expect(again.admitted).toBe(true);
    if (again.admitted) again.release();
  });
});
