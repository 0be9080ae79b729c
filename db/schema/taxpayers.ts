import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { offices } from "./offices";

export const subjectType = pgEnum("subject_type", [
  "individual",
  "entrepreneur",
  "legal_entity",
  "foreign_resident",
]);
export const registrationStatus = pgEnum("registration_status", ["registered", "deregistered"]);

/** The taxpayer registry: a copy of the tax registration database, filled by CSV import. */
export const taxpayers = pgTable(
  "taxpayers",
  {
    inn: varchar("inn", { length: 14 }).primaryKey(),
    name: text("name").notNull(),
    subjectType: subjectType("subject_type").notNull(),
    officeCode: text("office_code")
      .notNull()
      .references(() => offices.code),
    registrationStatus: registrationStatus("registration_status").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("taxpayers_office_idx").on(t.officeCode),
    index("taxpayers_name_idx").on(t.name),
    // Staff search by words of the name (word prefixes), fast over 100,000 taxpayers.
    index("taxpayers_name_fts_idx").using("gin", sql`to_tsvector('simple', ${t.name})`),
  ],
);
