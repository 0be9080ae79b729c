import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { DEFAULT_OFFICE_TIME_ZONE } from "../time-zone";

/** Territorial tax offices (ГНС territorial departments). The code is the office's own. */
export const offices = pgTable("offices", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  address: text("address").notNull(),
  headName: text("head_name").notNull(),
  timeZone: text("time_zone").notNull().default(DEFAULT_OFFICE_TIME_ZONE),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
