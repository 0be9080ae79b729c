CREATE TYPE "public"."grant_effect" AS ENUM('first_grant', 'restoration', 'reinstatement');--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "effect" "grant_effect";--> statement-breakpoint
-- Decisions made before the column keep what they did, read from the account entry their own
-- statement journaled (decision 046): created, password replaced, reinstated.
UPDATE "decisions" d SET "effect" = CASE j.action
    WHEN 'account.created' THEN 'first_grant'::grant_effect
    WHEN 'account.password_replaced' THEN 'restoration'::grant_effect
    WHEN 'account.reinstated' THEN 'reinstatement'::grant_effect END
  FROM journal_entries j
  WHERE d.outcome = 'granted' AND j.entity_type = 'account'
    AND j.action IN ('account.created', 'account.password_replaced', 'account.reinstated')
    AND j.after->>'applicationId' = d.application_id::text;--> statement-breakpoint
-- A grant the journal does not explain (only generated benchmark rows, which create no account) is a first grant.
UPDATE "decisions" SET "effect" = 'first_grant' WHERE outcome = 'granted' AND effect IS NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_effect_of_grant" CHECK (("decisions"."outcome" = 'granted') = ("decisions"."effect" is not null));