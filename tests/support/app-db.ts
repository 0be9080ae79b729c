import type { DbHandle } from "../../db/client";

/**
 * Points the app's database accessor (app/utils/db.server.ts keeps it on globalThis) at a test
 * database, so route actions and loaders can be called directly with Request objects.
 */
export function useAppDatabase(handle: DbHandle) {
  (globalThis as unknown as { __dbReady?: Promise<DbHandle> }).__dbReady = Promise.resolve(handle);
}

export function releaseAppDatabase() {
  (globalThis as unknown as { __dbReady?: Promise<DbHandle> }).__dbReady = undefined;
}
