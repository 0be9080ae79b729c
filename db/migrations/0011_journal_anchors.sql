CREATE TABLE "journal_anchors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chain" text NOT NULL,
	"head_seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"tsa_time" timestamp with time zone NOT NULL,
	"token_serial" text NOT NULL,
	"token" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "journal_anchors_chain_seq_idx" ON "journal_anchors" USING btree ("chain","head_seq");--> statement-breakpoint
-- Tokens are kept, never changed or removed (decision 062), like the entries they anchor.
CREATE OR REPLACE FUNCTION journal_anchors_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'journal_anchors is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER journal_anchors_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION journal_anchors_append_only();
