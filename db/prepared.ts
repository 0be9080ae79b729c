import type { Db } from "./client";

/**
 * A read built once per database handle and then executed with its values only: drizzle's own
 * prepared query (`.prepare(name)`, values as `sql.placeholder`). The pages that every inspector
 * loads over and over (the session's check, the queue) rebuilt their selects and walked them into
 * SQL text on every request; drizzle's builders were about a tenth of the queue page's JavaScript
 * (docs/benchmarks.md, decisions 070 and 076). The handle is the process's one pool (or PGlite), so
 * this is one statement per process; a transaction's handle would get one of its own.
 */
export function preparedPerDb<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const made = new WeakMap<Db, Q>();
  return (db) => {
    let query = made.get(db);
    if (!query) made.set(db, (query = build(db)));
    return query;
  };
}
