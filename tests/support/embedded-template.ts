import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** A dump of a freshly migrated embedded database (tests/support/db.ts starts each file's from it). */
    embeddedTemplate: string | null;
  }
}

/**
 * Global set-up: one embedded database migrated once per run and dumped to a file. Creating a
 * cluster costs each test file about 2 s of a worker; starting from the dump about 0.6 s. The
 * migrations themselves still run on the embedded database in every run (here), and the release
 * tests migrate empty databases of their own. On a server (DATABASE_URL) every file migrates a
 * database of its own, which takes a fraction of a second.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("embeddedTemplate", null);
    return;
  }
  const handle = await openDatabase({ dataDir: "memory://" });
  try {
    await migrateDatabase(handle);
    const client = (handle.db as unknown as { $client: import("@electric-sql/pglite").PGlite }).$client;
    const dump = await client.dumpDataDir("none");
    const dir = mkdtempSync(path.join(tmpdir(), "embedded-template-"));
    const file = path.join(dir, "migrated.tar");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("embeddedTemplate", file);
    return () => rmSync(dir, { recursive: true, force: true });
  } finally {
    await handle.close();
  }
}
