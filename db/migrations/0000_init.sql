CREATE TYPE "public"."staff_role" AS ENUM('inspector', 'supervisor', 'admin');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('registered', 'deregistered');--> statement-breakpoint
CREATE TYPE "public"."subject_type" AS ENUM('individual', 'entrepreneur', 'legal_entity', 'foreign_resident');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('fictitious_entrepreneurship', 'fictitious_supplies');--> statement-breakpoint
CREATE TYPE "public"."request_kind" AS ENUM('grant', 'restore', 'annul');--> statement-breakpoint
CREATE TYPE "public"."account_status" AS ENUM('active', 'suspended', 'annulled');--> statement-breakpoint
CREATE TYPE "public"."decision_outcome" AS ENUM('granted', 'refused');--> statement-breakpoint
CREATE TYPE "public"."annulment_kind" AS ENUM('on_request', 'fictitious_activity', 'online_refusal');--> statement-breakpoint
CREATE TYPE "public"."annulment_status" AS ENUM('proposed', 'approved', 'rejected', 'entered', 'scheduled');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('application', 'decision_grant', 'decision_refusal', 'annulment_notice', 'refusal_notice', 'journal_extract');--> statement-breakpoint
CREATE TABLE "offices" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"head_name" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Bishkek' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"full_name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"office_code" text,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"locale" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_username_unique" UNIQUE("username"),
	CONSTRAINT "staff_office_by_role" CHECK (("staff_users"."role" = 'admin' and "staff_users"."office_code" is null) or ("staff_users"."role" <> 'admin' and "staff_users"."office_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxpayers" (
	"inn" varchar(14) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"subject_type" "subject_type" NOT NULL,
	"office_code" text NOT NULL,
	"registration_status" "registration_status" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fictitious_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inn" varchar(14) NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"document_number" text NOT NULL,
	"document_date" date NOT NULL,
	"issuer" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(16) NOT NULL,
	"inn" varchar(14) NOT NULL,
	"request_kind" "request_kind" NOT NULL,
	"subject_type" "subject_type" NOT NULL,
	"applicant_name" text NOT NULL,
	"form" jsonb NOT NULL,
	"password_hash" text,
	"status" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"office_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"presented_at" timestamp with time zone,
	"presented_by" uuid,
	"decision_warn_at" timestamp with time zone,
	"decision_due_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"incoming_number" text,
	"entry_due_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"overdue_recorded_at" timestamp with time zone,
	CONSTRAINT "applications_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "access_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inn" varchar(14) NOT NULL,
	"login" text NOT NULL,
	"password_hash" text,
	"status" "account_status" NOT NULL,
	"snapshot" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"office_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"access_ends_at" timestamp with time zone,
	CONSTRAINT "access_accounts_inn_unique" UNIQUE("inn"),
	CONSTRAINT "access_accounts_login_unique" UNIQUE("login")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"office_code" text NOT NULL,
	"number" text NOT NULL,
	"outcome" "decision_outcome" NOT NULL,
	"grounds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"login" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decisions_application_id_unique" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "annulments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"office_code" text NOT NULL,
	"kind" "annulment_kind" NOT NULL,
	"status" "annulment_status" NOT NULL,
	"application_id" uuid,
	"evidence_id" uuid,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"effective_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "number_sequences" (
	"office_code" text NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "number_sequences_pk" UNIQUE("office_code","series","year")
);
--> statement-breakpoint
CREATE TABLE "printed_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_code" text,
	"kind" "document_kind" NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"subject_inn" varchar(14) NOT NULL,
	"source_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"reprints" integer DEFAULT 0 NOT NULL,
	"last_reprinted_at" timestamp with time zone,
	CONSTRAINT "documents_number_unique" UNIQUE("office_code","kind","year","sequence"),
	CONSTRAINT "documents_number_text_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "journal_chains" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chain" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"office_code" text,
	"action" text NOT NULL,
	"subject_inn" varchar(14),
	"entity_type" text,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"idempotency_key" text,
	CONSTRAINT "journal_entries_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "journal_chain_seq" UNIQUE("chain","seq")
);
--> statement-breakpoint
CREATE TABLE "api_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"bucket" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxpayers" ADD CONSTRAINT "taxpayers_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fictitious_evidence" ADD CONSTRAINT "fictitious_evidence_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_presented_by_staff_users_id_fk" FOREIGN KEY ("presented_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_accepted_by_staff_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_closed_by_staff_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_accounts" ADD CONSTRAINT "access_accounts_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_account_id_access_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."access_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_evidence_id_fictitious_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."fictitious_evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_proposed_by_staff_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "printed_documents" ADD CONSTRAINT "printed_documents_office_code_offices_code_fk" FOREIGN KEY ("office_code") REFERENCES "public"."offices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "printed_documents" ADD CONSTRAINT "printed_documents_issued_by_staff_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "taxpayers_office_idx" ON "taxpayers" USING btree ("office_code");--> statement-breakpoint
CREATE INDEX "taxpayers_name_idx" ON "taxpayers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "taxpayers_name_fts_idx" ON "taxpayers" USING gin (to_tsvector('simple', "name"));--> statement-breakpoint
CREATE INDEX "evidence_inn_idx" ON "fictitious_evidence" USING btree ("inn");--> statement-breakpoint
CREATE INDEX "applications_inn_idx" ON "applications" USING btree ("inn");--> statement-breakpoint
CREATE INDEX "applications_office_status_idx" ON "applications" USING btree ("office_code","status","presented_at");--> statement-breakpoint
CREATE INDEX "applications_due_idx" ON "applications" USING btree ("status","decision_due_at");--> statement-breakpoint
CREATE INDEX "applications_entry_due_idx" ON "applications" USING btree ("status","entry_due_at");--> statement-breakpoint
CREATE INDEX "applications_expiry_idx" ON "applications" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "accounts_office_idx" ON "access_accounts" USING btree ("office_code","status");--> statement-breakpoint
CREATE INDEX "decisions_office_decided_idx" ON "decisions" USING btree ("office_code","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "annulments_one_open_idx" ON "annulments" USING btree ("account_id") WHERE "annulments"."status" = 'proposed';--> statement-breakpoint
CREATE INDEX "annulments_office_status_idx" ON "annulments" USING btree ("office_code","status");--> statement-breakpoint
CREATE INDEX "documents_source_idx" ON "printed_documents" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "documents_inn_idx" ON "printed_documents" USING btree ("subject_inn");--> statement-breakpoint
CREATE INDEX "journal_subject_idx" ON "journal_entries" USING btree ("subject_inn","at");--> statement-breakpoint
CREATE INDEX "journal_office_idx" ON "journal_entries" USING btree ("office_code","at");--> statement-breakpoint
CREATE INDEX "journal_at_idx" ON "journal_entries" USING btree ("at");