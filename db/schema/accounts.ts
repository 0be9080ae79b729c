import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { offices } from "./offices";

export const accountStatus = pgEnum("account_status", ["active", "suspended", "locked", "annulled"]);

/**
 * Access accounts to the Taxpayer Cabinet: one per subject (INN). The login is generated once at
 * the first grant and never changes (R13, RU seed); restoration replaces only the password (R17).
 */
export const accessAccounts = pgTable(
  "access_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inn: varchar("inn", { length: 14 }).notNull().unique(),
    login: text("login").notNull().unique(),
    passwordHash: text("password_hash"),
    status: accountStatus("status").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    version: integer("version").notNull().default(1),
    officeCode: text("office_code")
      .notNull()
      .references(() => offices.code),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Online refusal of electronic interaction: access ends at this instant (next office day). */
    accessEndsAt: timestamp("access_ends_at", { withTimezone: true }),
  },
  (t) => [index("accounts_office_idx").on(t.officeCode, t.status)],
);
