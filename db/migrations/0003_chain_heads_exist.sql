-- Every journal chain's head exists before its first entry: the global chain from here on, an
-- office's from the moment the office is inserted (whoever inserts it: the admin page, the seed,
-- an import). A decision can then write its entries and send COMMIT in the same round trip,
-- without first asking whether the head is there (decision 007).
INSERT INTO journal_chains (chain, seq, head_hash) VALUES ('global', 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO journal_chains (chain, seq, head_hash) SELECT code, 0, repeat('0', 64) FROM offices ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION offices_journal_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journal_chains (chain, seq, head_hash) VALUES (NEW.code, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offices_journal_chain AFTER INSERT ON offices FOR EACH ROW EXECUTE FUNCTION offices_journal_chain();
--> statement-breakpoint
-- A statement's own check that cannot be a constraint (what it wrote), failing the transaction.
CREATE OR REPLACE FUNCTION fail_statement(reason text) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', reason USING ERRCODE = 'P0001';
END;
$$;
