import { getTableColumns, is, SQL, sql, type Query } from "drizzle-orm";
import { PgDialect, type PgTable } from "drizzle-orm/pg-core";

/**
 * Statements whose text is compiled once per shape and then sent with values only.
 *
 * drizzle builds a statement's SQL tree and walks it into text and parameters on every call. For a
 * grant's statements that walk was a fifth of the app's CPU per grant (issue 20). A statement
 * made here has a *shape*: a small plain value that decides its text (how many journal entries it
 * writes, which write of the account it makes), and the builder sees nothing else, so two calls
 * with one shape cannot need two texts. Everything else travels as drizzle placeholders
 * (`sql.placeholder(name)`), filled from the call's values, already in the driver's form (ISO
 * time stamps, JSON text).
 *
 * The text cache holds one entry per shape a builder is called with; shapes are small finite
 * combinations, never data.
 */
export interface ShapedStatement {
  query: Query;
  values: Record<string, unknown>;
}

// The dialect drizzle gives both drivers (db/client.ts passes no casing option), so the text is the
// one it would build; with a casing option, this and rowOf's column names would have to follow it.
const dialect = new PgDialect();

export function statementPerShape<S>(build: (shape: S) => SQL): (shape: S, values: Record<string, unknown>) => ShapedStatement {
  const texts = new Map<string, Query>();
  return (shape, values) => {
    const key = JSON.stringify(shape);
    let query = texts.get(key);
    if (!query) {
      query = dialect.sqlToQuery(build(shape));
      texts.set(key, query);
    }
    return { query, values };
  };
}

export function isShaped(statement: SQL | ShapedStatement): statement is ShapedStatement {
  return !is(statement, SQL);
}

/**
 * An `update … set … where id = :id and version = :version returning id` of a table
 * with `id` and `version` columns, for a shaped statement: the columns set are the shape
 * (`changedColumns`), their values come from updateValues under the same prefix.
 */
export function versionedUpdateSql(table: PgTable, columns: string[], prefix: string): SQL {
  const byKey = getTableColumns(table);
  // What drizzle's `set` would refuse or add, refused here: nothing to set, an unknown key, a
  // column drizzle fills on update by itself.
  if (columns.length === 0) throw new Error("versionedUpdateSql: no columns to set");
  for (const key of columns) {
    if (!byKey[key]) throw new Error(`versionedUpdateSql: ${key} is not a column`);
  }
  for (const column of Object.values(byKey)) {
    if (column.onUpdateFn) throw new Error(`versionedUpdateSql: ${column.name} is set by drizzle on update`);
  }
  const set = columns.map((key) => sql`${sql.identifier(byKey[key].name)} = ${sql.placeholder(prefix + key)}`);
  const [id, version] = [sql.identifier(byKey.id.name), sql.identifier(byKey.version.name)];
  return sql`update ${table} set ${sql.join(set, sql`, `)}
             where ${id} = ${sql.placeholder(prefix + "where_id")} and ${version} = ${sql.placeholder(prefix + "where_version")}
             returning ${id}`;
}

/** The columns a change sets, as the shape of versionedUpdateSql (undefined: not set, as drizzle's `set`). */
export function changedColumns(changes: Record<string, unknown>): string[] {
  return Object.keys(changes)
    .filter((key) => changes[key] !== undefined)
    .sort();
}

/** versionedUpdateSql's values: each set column in the driver's form, as drizzle's column would map it. */
export function updateValues(
  table: PgTable,
  changes: Record<string, unknown>,
  where: { id: string; version: number },
  prefix: string,
): Record<string, unknown> {
  const byKey = getTableColumns(table);
  const values: Record<string, unknown> = {
    [prefix + "where_id"]: where.id,
    [prefix + "where_version"]: where.version,
  };
  for (const key of changedColumns(changes)) {
    const value = changes[key];
    if (is(value, SQL)) throw new Error(`updateValues: ${key} is SQL, not a value`);
    values[prefix + key] = value === null ? null : byKey[key].mapToDriverValue(value);
  }
  return values;
}

/** A row of `table.*` as drizzle's select gives it: each column under its key, through the column's own decoder. */
export function rowOf<T extends PgTable>(table: T, raw: Record<string, unknown>): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (!(column.name in raw)) throw new Error(`rowOf: the row has no column ${column.name}`);
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}
