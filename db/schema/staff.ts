import { sql } from "drizzle-orm";
import { boolean, check, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { offices } from "./offices";

export const staffRole = pgEnum("staff_role", ["inspector", "supervisor", "admin"]);

export const staffUsers = pgTable(
  "staff_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull().unique(),
    fullName: text("full_name").notNull(),
    role: staffRole("role").notNull(),
    officeCode: text("office_code").references(() => offices.code),
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    locale: text("locale"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Inspectors and supervisors belong to exactly one office; administrators to none.
    check(
      "staff_office_by_role",
      sql`(${t.role} = 'admin' and ${t.officeCode} is null) or (${t.role} <> 'admin' and ${t.officeCode} is not null)`,
    ),
  ],
);
