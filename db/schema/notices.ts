import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, pgTable, text, timestamp, varchar } from "drizzle-orm/pg-core";

/** What a notice may be: waiting (or retrying), delivered, given up on, or not to be sent (no channel chosen). */
export const NOTICE_STATUSES = ["queued", "sent", "dead", "skipped"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * The transactional outbox of notices to applicants (decision 064). A row is written by the same
 * statement that writes the journal entry it reports (workflows/journal/append.ts), so a rolled-back
 * event leaves none and a committed one always has its row. The worker claims rows with
 * FOR UPDATE SKIP LOCKED and a lease (`locked_until`), so several processes send each once; the
 * address and the text are made at sending time from the entry and the applicant's choice on the form.
 * The row never holds a password: the entry it points to holds none either.
 */
export const notices = pgTable(
  "notices",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The journal entry the notice reports: one notice per entry. */
    journalEntryId: bigint("journal_entry_id", { mode: "number" }).notNull().unique(),
    action: text("action").notNull(),
    subjectInn: varchar("subject_inn", { length: 14 }),
    officeCode: text("office_code"),
    status: text("status").$type<NoticeStatus>().notNull().default("queued"),
    /** "email" or "sms", and where to, once the worker has resolved them. */
    channel: text("channel"),
    address: text("address"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A claimed row is not claimed again before this instant (a worker that died frees it then). */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    check("notices_status_check", sql`${t.status} in (${sql.raw(NOTICE_STATUSES.map((s) => `'${s}'`).join(", "))})`),
    index("notices_due_idx").on(t.nextAttemptAt).where(sql`status = 'queued'`),
    index("notices_status_idx").on(t.status, t.createdAt),
  ],
);
