import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, desc, eq, isNull, type Placeholder } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "../../db/client";
import { apiClients } from "../../db/schema";
import { type StaffActor, requireAdmin } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal, sha256Hex } from "../journal";
import { requireUuid } from "../lifecycle/ids";

/** API keys: "kbk_" + 32 random bytes in base32. Only the SHA-256 is stored; the key is shown once. */
const KEY_PREFIX = "kbk_";

export const apiClientNameSchema = z.string().trim().min(3, "api.name_required").max(100, "api.name_too_long");

export async function createApiClient(db: Db, actor: StaffActor, name: string): Promise<{ id: string; key: string }> {
  requireAdmin(actor);
  const parsed = apiClientNameSchema.safeParse(name);
  if (!parsed.success) throw new WorkflowError("validation", parsed.error.issues[0].message, { field: "name" });
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  const key = KEY_PREFIX + encodeBase32LowerCaseNoPadding(bytes);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiClients)
      .values({ name: parsed.data, keyHash: sha256Hex(key), keyPrefix: key.slice(0, 10), createdBy: actor.id })
      .returning({ id: apiClients.id });
    await appendJournal(tx, { actor, officeCode: null, action: "api_client.created", entityType: "api_client", entityId: row.id, after: { name: parsed.data } });
    return { id: row.id, key };
  });
}

export async function revokeApiClient(db: Db, actor: StaffActor, id: string, now = new Date()) {
  requireAdmin(actor);
  requireUuid(id, "not_found");
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiClients)
      .set({ revokedAt: now })
      .where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)))
      .returning({ id: apiClients.id });
    if (revoked.length === 0) throw new WorkflowError("not_found", "not_found");
    await appendJournal(tx, { actor, officeCode: null, action: "api_client.revoked", entityType: "api_client", entityId: id });
  });
}

export function listApiClients(db: Db) {
  return db
    .select({ id: apiClients.id, name: apiClients.name, keyPrefix: apiClients.keyPrefix, createdAt: apiClients.createdAt, revokedAt: apiClients.revokedAt })
    .from(apiClients)
    .orderBy(desc(apiClients.createdAt));
}

/** What a key is looked up by: its hash; null when the key cannot be one of ours, so junk never reaches the database. */
export function apiKeyHash(key: string): string | null {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  return sha256Hex(key);
}

/**
 * The query for the client a key's hash (`apiKeyHash`) belongs to (id, name), unrevoked. A query,
 * not a call: the API wrapper folds it into the statement that also counts the key's request
 * (app/utils/api.server.ts), with the hash as a placeholder.
 */
export function apiClientByKeyHashQuery(keyHash: string | Placeholder) {
  return new QueryBuilder()
    .select({ id: apiClients.id, name: apiClients.name })
    .from(apiClients)
    .where(and(eq(apiClients.keyHash, keyHash), isNull(apiClients.revokedAt)));
}
