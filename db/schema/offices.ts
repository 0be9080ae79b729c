import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { DEFAULT_OFFICE_TIME_ZONE } from "../time-zone";

/**
 * Regions: the level above the territorial offices (decision 067). A regional supervisor sees the
 * boards and statistics of the offices of their region; a national one those of every office.
 */
export const regions = pgTable("regions", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Territorial tax offices (ГНС territorial departments). The code is the office's own. */
export const offices = pgTable("offices", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  address: text("address").notNull(),
  headName: text("head_name").notNull(),
  timeZone: text("time_zone").notNull().default(DEFAULT_OFFICE_TIME_ZONE),
  /** The region the office belongs to; none until an administrator places it. */
  regionCode: text("region_code").references(() => regions.code),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
