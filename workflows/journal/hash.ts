import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

export const GENESIS_HASH = "0".repeat(64);

/**
 * JSON with keys sorted at every depth: jsonb reorders keys, so the hash must not depend on order.
 * Keys are compared by their UTF-8 bytes (code points), as the database's journal_canonical_json
 * sorts them with COLLATE "C".
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

export interface HashedFields {
  chain: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorRole: string;
  officeCode: string | null;
  action: string;
  subjectInn: string | null;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** The entry's hash: its own fields and its predecessor's hash. */
export function entryHash(f: HashedFields): string {
  return sha256Hex(
    canonicalJson({
      chain: f.chain,
      seq: f.seq,
      at: f.at.toISOString(),
      actorId: f.actorId,
      actorRole: f.actorRole,
      officeCode: f.officeCode,
      action: f.action,
      subjectInn: f.subjectInn,
      entityType: f.entityType,
      entityId: f.entityId,
      before: f.before ?? null,
      after: f.after ?? null,
      prevHash: f.prevHash,
    }),
  );
}
