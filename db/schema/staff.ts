import { sql } from "drizzle-orm";
import { boolean, check, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { offices, regions } from "./offices";

export const staffRole = pgEnum("staff_role", ["inspector", "supervisor", "admin"]);
/**
 * How far a staff member sees (decision 067): their office, a region's offices, or every office.
 * What they may do stays with their own office (R13: the office of registration acts).
 */
export const staffJurisdiction = pgEnum("staff_jurisdiction", ["office", "region", "country"]);

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
    /** Why an administrator disabled the account (required to disable; kept after re-enabling until the next). */
    disabledReason: text("disabled_reason"),
    jurisdiction: staffJurisdiction("jurisdiction").notNull().default("office"),
    regionCode: text("region_code").references(() => regions.code),
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
    // Only supervisors see beyond their office; a regional one names the region, nobody else does.
    check("staff_jurisdiction_by_role", sql`${t.jurisdiction} = 'office' or ${t.role} = 'supervisor'`),
    check("staff_region_by_jurisdiction", sql`(${t.jurisdiction} = 'region') = (${t.regionCode} is not null)`),
  ],
);
