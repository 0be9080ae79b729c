import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { registrationStatus, subjectType } from "./taxpayers";

export const REGISTRY_IMPORT_STATUSES = ["running", "completed", "failed"] as const;
export type RegistryImportStatus = (typeof REGISTRY_IMPORT_STATUSES)[number];

/**
 * One registry import from its start to its end. The rows it reads are staged apart
 * (registry_import_rows) and reach the registry in one transaction at the end, so an import that
 * dies halfway (a killed process, a client that aborts) leaves the registry as it was; this row,
 * journaled at the start and the end, tells the administrators how far it got.
 */
export const registryImports = pgTable(
  "registry_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: text("status").$type<RegistryImportStatus>().notNull().default("running"),
    fileName: text("file_name"),
    /** The staff member who started it (null: a system job). */
    startedBy: uuid("started_by"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    /** Last sign of life: moved on by every staged batch. An import still running long after it is abandoned. */
    progressAt: timestamp("progress_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** The upload's declared length, when known, so progress can be shown as a share. */
    bytesTotal: bigint("bytes_total", { mode: "number" }),
    bytesRead: bigint("bytes_read", { mode: "number" }).notNull().default(0),
    rowsRead: integer("rows_read").notNull().default(0),
    /** The counts at the end (a completed import) or so far (a failed one). */
    report: jsonb("report"),
    /** Why it failed: an i18n key of the admin namespace (registry.failure.*). */
    failure: text("failure"),
  },
  (t) => [
    check("registry_imports_status_check", sql`${t.status} in ('running', 'completed', 'failed')`),
    // One import at a time: two would race to decide which file's rows the registry ends with.
    uniqueIndex("registry_imports_one_running").on(t.status).where(sql`${t.status} = 'running'`),
    index("registry_imports_started_idx").on(t.startedAt),
  ],
);

/** The valid rows of a running import, waiting for its end. */
export const registryImportRows = pgTable(
  "registry_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => registryImports.id, { onDelete: "cascade" }),
    inn: varchar("inn", { length: 14 }).notNull(),
    name: text("name").notNull(),
    subjectType: subjectType("subject_type").notNull(),
    officeCode: text("office_code").notNull(),
    registrationStatus: registrationStatus("registration_status").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.inn] })],
);
