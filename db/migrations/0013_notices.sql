CREATE TABLE "notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journal_entry_id" bigint NOT NULL,
	"action" text NOT NULL,
	"subject_inn" varchar(14),
	"office_code" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"channel" text,
	"address" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notices_journal_entry_id_unique" UNIQUE("journal_entry_id"),
	CONSTRAINT "notices_status_check" CHECK ("notices"."status" in ('queued', 'sent', 'dead', 'skipped'))
);
--> statement-breakpoint
CREATE INDEX "notices_due_idx" ON "notices" USING btree ("next_attempt_at") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "notices_status_idx" ON "notices" USING btree ("status","created_at");