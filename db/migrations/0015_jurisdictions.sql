CREATE TYPE "public"."staff_jurisdiction" AS ENUM('office', 'region', 'country');--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "jurisdiction" "staff_jurisdiction" DEFAULT 'office' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_decision_facts_idx" ON "applications" USING btree ("id","presented_at","overdue_recorded_at");--> statement-breakpoint
CREATE INDEX "journal_actor_idx" ON "journal_entries" USING btree ("actor_id","at");--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_jurisdiction_by_role" CHECK ("staff_users"."jurisdiction" = 'office' or "staff_users"."role" = 'supervisor');--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_region_by_jurisdiction" CHECK (("staff_users"."jurisdiction" = 'region') = ("staff_users"."region_code" is not null));