import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { and, gt, gte, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rateLimits } from "../../db/schema";
import { guessBuckets } from "../../workflows/auth/guessing";
import { knownDeviceCookie } from "./cookies.server";
import { LIMITS, type Counted, type RateLimit } from "./rate-limit.server";

/** What the known-device cookie holds: this browser's own id and the logins it signed in as. */
type KnownDevice = { id: string; logins: string[] };
const MAX_LOGINS = 5;

export async function readKnownDevice(request: Request): Promise<KnownDevice | null> {
  const value = (await knownDeviceCookie().parse(request.headers.get("Cookie"))) as Partial<KnownDevice> | null;
  if (!value || typeof value.id !== "string" || !Array.isArray(value.logins)) return null;
  return { id: value.id, logins: value.logins.filter((l): l is string => typeof l === "string").slice(0, MAX_LOGINS) };
}

/** The cookie after a successful sign-in as `username`: this browser now counts as known for it. */
export async function rememberDevice(device: KnownDevice | null, username: string): Promise<string> {
  const login = username.trim().toLowerCase();
  const id = device?.id ?? encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(16)));
  const logins = [login, ...(device?.logins ?? []).filter((l) => l !== login)].slice(0, MAX_LOGINS);
  return knownDeviceCookie().serialize({ id, logins });
}

/**
 * The buckets one staff sign-in counts in (decision 053): the address's failures at any login; this
 * source's failures at this login (5 in 15 minutes), the source being the browser when it signed in
 * as this login before, else the address; and, from unknown browsers only, the login's backstop
 * over all of them (20 in 15 minutes). No count ever stops the owner's usual browser but its own.
 */
export function staffGuesses(username: string, ip: string, device: KnownDevice | null): Counted[] {
  const loginBucket = guessBuckets.staff(username);
  const known = device?.logins.includes(username.trim().toLowerCase()) ? device : null;
  const counted: Counted[] = [
    { bucket: `signin:ip:${ip}`, rule: LIMITS.signIn },
    { bucket: guessBuckets.source(loginBucket, known ? `device:${known.id}` : `addr:${ip}`), rule: LIMITS.signInPerSource },
  ];
  if (!known) counted.push({ bucket: loginBucket, rule: LIMITS.signInPerLogin });
  return counted;
}

/**
 * The bucket a second-step code counts in (decision 065): one per login, whatever the source, since
 * whoever is there has the password already. Under the login's bucket name, so an administrator's
 * unlock forgets it with the rest.
 */
export function secondFactorGuesses(username: string): Counted[] {
  return [{ bucket: guessBuckets.source(guessBuckets.staff(username), "second-factor"), rule: LIMITS.secondFactor }];
}

/**
 * The staff logins held now: their backstop is full (unknown browsers are refused until it ends or
 * an administrator unlocks it), or their second-step codes are (everyone waits, decision 065).
 */
export async function heldStaffLogins(database: Db, usernames: string[], now = new Date()): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const held = async (bucketOf: (username: string) => string, rule: RateLimit) => {
    const byBucket = new Map(usernames.map((u) => [bucketOf(u), u]));
    const rows = await database
      .select({ bucket: rateLimits.bucket })
      .from(rateLimits)
      .where(and(inArray(rateLimits.bucket, [...byBucket.keys()]), gte(rateLimits.hits, rule.limit), gt(rateLimits.windowStart, new Date(now.getTime() - rule.windowMs))));
    return rows.map((r) => byBucket.get(r.bucket)!);
  };
  const [backstop, codes] = await Promise.all([held(guessBuckets.staff, LIMITS.signInPerLogin), held((u) => secondFactorGuesses(u)[0].bucket, LIMITS.secondFactor)]);
  return new Set([...backstop, ...codes]);
}
