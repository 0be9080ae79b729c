ALTER TYPE "public"."document_kind" ADD VALUE 'revocation_act';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'lifting_act';--> statement-breakpoint
CREATE TABLE "corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"office_code" text NOT NULL,
	"target_id" uuid NOT NULL,
	"subject_inn" text NOT NULL,
	"reason" text NOT NULL,
	"document_number" text,
	"document_date" date,
	"document_issuer" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"number" text,
	"account_effect" text,
	CONSTRAINT "corrections_number_unique" UNIQUE("number"),
	CONSTRAINT "corrections_kind" CHECK ("corrections"."kind" in ('revoke_decision', 'lift_evidence')),
	CONSTRAINT "corrections_status" CHECK ("corrections"."status" in ('proposed', 'approved', 'rejected')),
	CONSTRAINT "corrections_lifting_document" CHECK (("corrections"."kind" = 'lift_evidence') = ("corrections"."document_number" is not null and "corrections"."document_date" is not null and "corrections"."document_issuer" is not null)),
	CONSTRAINT "corrections_decided" CHECK (("corrections"."status" = 'proposed') = ("corrections"."decided_at" is null)),
	CONSTRAINT "corrections_number_on_approval" CHECK (("corrections"."status" = 'approved') = ("corrections"."number" is not null))
);
--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_proposed_by_staff_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "corrections_one_open_idx" ON "corrections" USING btree ("kind","target_id") WHERE "corrections"."status" = 'proposed';--> statement-breakpoint
CREATE UNIQUE INDEX "corrections_one_approved_idx" ON "corrections" USING btree ("kind","target_id") WHERE "corrections"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "corrections_office_status_idx" ON "corrections" USING btree ("office_code","status");