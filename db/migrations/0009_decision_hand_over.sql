-- R11: the subject's copy of a decision is handed over against signature (decision 057). Decisions
-- made before this was recorded are 'not_recorded' (they do not crowd the board); new ones wait.
ALTER TABLE "decisions" ADD COLUMN "hand_over" text DEFAULT 'not_recorded' NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "hand_over" SET DEFAULT 'awaiting';--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "hand_over_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "hand_over_by" uuid;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_hand_over_by_staff_users_id_fk" FOREIGN KEY ("hand_over_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_hand_over_idx" ON "decisions" USING btree ("office_code","decided_at") WHERE "decisions"."hand_over" in ('awaiting', 'not_collected');--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_hand_over_state" CHECK ("decisions"."hand_over" in ('awaiting', 'not_collected', 'not_recorded', 'handed_over'));