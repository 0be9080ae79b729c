CREATE TABLE "registry_import_rows" (
	"import_id" uuid NOT NULL,
	"inn" varchar(14) NOT NULL,
	"name" text NOT NULL,
	"subject_type" "subject_type" NOT NULL,
	"office_code" text NOT NULL,
	"registration_status" "registration_status" NOT NULL,
	CONSTRAINT "registry_import_rows_import_id_inn_pk" PRIMARY KEY("import_id","inn")
);
--> statement-breakpoint
CREATE TABLE "registry_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"file_name" text,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"progress_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"bytes_total" bigint,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"failure" text,
	CONSTRAINT "registry_imports_status_check" CHECK ("registry_imports"."status" in ('running', 'completed', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "registry_import_rows" ADD CONSTRAINT "registry_import_rows_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "registry_imports_one_running" ON "registry_imports" USING btree ("status") WHERE "registry_imports"."status" = 'running';--> statement-breakpoint
CREATE INDEX "registry_imports_started_idx" ON "registry_imports" USING btree ("started_at");