import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../db/client";
import { entryHash, type HashedFields } from "../../workflows/journal/hash";
import { createTestDb } from "../support/db";

// Entries are hashed by the statement that writes them (journal_entry_hash) and checked by
// journal:verify in JavaScript (entryHash): a payload on which the two disagree would be reported
// as tampered. Payloads here are what the journal holds: strings of any kind (quotes, control
// characters, Cyrillic, emoji, U+2028), integers, booleans, nulls, nested objects and arrays.
let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const text = fc
  .oneof(
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    // Characters above U+E000 and outside the BMP sort differently by UTF-16 unit and by code point.
    fc.string({ unit: fc.constantFrom("a", "\uFF01", "\uE000", "😀", "𝔸", "ң"), maxLength: 4 }),
    fc.constantFrom('"\\\n\t\b\f\r\u0001\u001f\u2028', "Ақмөөр «Ынтымак»", "kb-ABCDEFGH"),
  )
  // jsonb cannot hold NUL, and PostgreSQL text holds no lone surrogates (forms never pass either).
  .map((s) => s.replaceAll("\u0000", "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
const payload = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.maxSafeInteger(), fc.boolean(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(text, tie("value"), { maxKeys: 5 }),
})).object;

async function sqlHash(f: HashedFields): Promise<string> {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const [row] = await queryRows<{ hash: string }>(
    h.db,
    sql`select journal_entry_hash(${f.chain}::text, ${f.seq}::bigint, ${f.at.toISOString()}::timestamptz, ${f.actorId}::uuid, ${f.actorRole}::text,
          ${f.officeCode}::text, ${f.action}::text, ${f.subjectInn}::text, ${f.entityType}::text, ${f.entityId}::text,
          ${json(f.before)}::jsonb, ${json(f.after)}::jsonb, ${f.prevHash}::text) as hash`,
  );
  return row.hash;
}

describe("the journal hash computed in the database equals the one journal:verify computes", () => {
  it("on generated entries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          chain: fc.constantFrom("global", "008"),
          seq: fc.integer({ min: 1, max: 2 ** 40 }),
          at: fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
          actorId: fc.option(fc.uuid(), { nil: null }),
          actorRole: fc.constantFrom("inspector", "supervisor", "public", "system"),
          officeCode: fc.option(fc.constantFrom("002", "008"), { nil: null }),
          action: text,
          subjectInn: fc.option(fc.stringMatching(/^[0-9]{14}$/), { nil: null }),
          entityType: fc.option(text, { nil: null }),
          entityId: fc.option(text, { nil: null }),
          before: fc.option(payload, { nil: null }),
          after: fc.option(payload, { nil: null }),
          prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        async (f) => {
          expect(await sqlHash(f)).toBe(entryHash(f));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("differs when any field differs", async () => {
    const f: HashedFields = {
      chain: "008", seq: 7, at: new Date("2026-11-25T09:00:00.123Z"), actorId: null, actorRole: "system", officeCode: "008",
      action: "application.granted", subjectInn: "20101195000000", entityType: "application", entityId: "x", before: { status: "accepted" },
      after: { status: "granted", decisionNumber: "008/2026/R-000001" }, prevHash: "0".repeat(64),
    };
    const base = await sqlHash(f);
    expect(base).toBe(entryHash(f));
    expect(await sqlHash({ ...f, after: { status: "granted", decisionNumber: "008/2026/R-000002" } })).not.toBe(base);
    expect(await sqlHash({ ...f, at: new Date("2026-11-25T09:00:00.124Z") })).not.toBe(base);
  });
});
