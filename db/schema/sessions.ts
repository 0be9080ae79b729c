import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { staffUsers } from "./staff";

/**
 * Lucia-guide sessions: the id is the SHA-256 (hex) of the cookie token, never the token. A session
 * begins after the password; `two_factor_verified` says that its second step (a TOTP or recovery
 * code, or enrolment) was done in it (decision 065).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    twoFactorVerified: boolean("two_factor_verified").notNull().default(false),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
