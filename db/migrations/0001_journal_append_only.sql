-- The journal is append-only (UA seed): no entry is ever changed or removed, whatever role the
-- application connects with. Whoever owns the table can still disable the trigger; the hash chain
-- (npm run journal:verify) then names the edited entry.
CREATE OR REPLACE FUNCTION journal_entries_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'journal_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION journal_entries_append_only();
