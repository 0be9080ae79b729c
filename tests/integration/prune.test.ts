import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { rateLimits, sessions } from "../../db/schema";
import { pruneOnce } from "../../app/utils/jobs.server";
import { hitRateLimit, LIMITS } from "../../app/utils/rate-limit.server";
import { createSession, generateSessionToken, SESSION_IDLE_MS, SESSION_MAX_MS } from "../../app/utils/session.server";
import { createTestDb } from "../support/db";
import { createStaff } from "../support/factories";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const NOW = new Date("2026-03-02T09:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const longest = Math.max(...Object.values(LIMITS).map((r) => r.windowMs));

describe("the background jobs prune what no longer counts", () => {
  it("rate-limit rows whose window has ended under every rule go; a live window stays", async () => {
    await hitRateLimit(h.db, "old:ended", LIMITS.signIn, ago(longest + 1000));
    await hitRateLimit(h.db, "old:within-longest", LIMITS.signIn, ago(longest - 60_000));
    await hitRateLimit(h.db, "live", LIMITS.signIn, ago(1000));
    const result = await pruneOnce(h.db, NOW);
    const left = (await h.db.select({ bucket: rateLimits.bucket }).from(rateLimits)).map((r) => r.bucket).sort();
    expect(left).toEqual(["live", "old:within-longest"]);
    expect(result.rateLimits).toBe(1);
  });

  it("sessions past their idle expiry or their absolute lifetime go; a live one stays", async () => {
    const user = await createStaff(h.db, "admin", null);
    const make = async (createdAgo: number, expiresIn: number) => {
      const s = await createSession(h.db, generateSessionToken(), user.id, ago(createdAgo));
      await h.db.update(sessions).set({ expiresAt: new Date(NOW.getTime() + expiresIn) }).where(eq(sessions.id, s.id));
      return s.id;
    };
    const live = await make(60_000, SESSION_IDLE_MS - 60_000);
    await make(3 * 3600_000, -60_000); // idle too long
    await make(SESSION_MAX_MS + 60_000, 3600_000); // kept active, but past the shift's cap
    const result = await pruneOnce(h.db, NOW);
    expect((await h.db.select({ id: sessions.id }).from(sessions)).map((r) => r.id)).toEqual([live]);
    expect(result.sessions).toBe(2);
  });
});
