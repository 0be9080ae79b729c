import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Territorial tax offices (ГНС territorial departments). The code is the office's own. */
export const offices = pgTable("offices", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  address: text("address").notNull(),
  headName: text("head_name").notNull(),
  timeZone: text("time_zone").notNull().default("Asia/Bishkek"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
