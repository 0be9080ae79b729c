-- One number per act (decision 044): a decision, an incoming application, an annulment and a
-- journal extract are numbered when they are made, and the paper repeats that number.
ALTER TABLE "printed_documents" DROP CONSTRAINT "documents_number_unique";--> statement-breakpoint
ALTER TABLE "annulments" ADD COLUMN "number" text;--> statement-breakpoint
-- The counters of the printed series go on as the acts' series, so no number is ever made twice.
UPDATE number_sequences SET series = substr(series, length('document.') + 1) WHERE series LIKE 'document.%';--> statement-breakpoint
-- An act already on paper keeps the number printed on it: the paper handed over is what the subject holds.
UPDATE decisions d SET number = p.number FROM printed_documents p
WHERE p.source_id = d.id AND p.kind IN ('decision_grant', 'decision_refusal') AND p.number <> d.number;--> statement-breakpoint
UPDATE annulments a SET number = p.number FROM printed_documents p
WHERE p.source_id = a.id AND p.kind = 'annulment_notice';--> statement-breakpoint
-- Annulments in effect that were never printed take the next numbers of their office and year.
WITH todo AS (
  SELECT a.id, a.office_code, t.at, extract(year FROM (t.at AT TIME ZONE o.time_zone))::int AS year
  FROM annulments a
  JOIN offices o ON o.code = a.office_code
  CROSS JOIN LATERAL (SELECT CASE WHEN a.kind = 'online_refusal' THEN a.proposed_at ELSE coalesce(a.decided_at, a.proposed_at) END AS at) t
  WHERE a.number IS NULL AND a.status IN ('entered', 'approved', 'scheduled')
), numbered AS (
  SELECT todo.id, todo.office_code, todo.year,
         coalesce(ns.last, 0) + row_number() OVER (PARTITION BY todo.office_code, todo.year ORDER BY todo.at, todo.id) AS seq
  FROM todo
  LEFT JOIN number_sequences ns ON ns.office_code = todo.office_code AND ns.series = 'annulment_notice' AND ns.year = todo.year
), counters AS (
  INSERT INTO number_sequences (office_code, series, year, last)
  SELECT office_code, 'annulment_notice', year, max(seq) FROM numbered GROUP BY office_code, year
  ON CONFLICT (office_code, series, year) DO UPDATE SET last = excluded.last
)
UPDATE annulments a SET number = n.office_code || '-AN-' || n.year || '-' || lpad(n.seq::text, greatest(6, length(n.seq::text)), '0')
FROM numbered n WHERE n.id = a.id;--> statement-breakpoint
ALTER TABLE "printed_documents" DROP COLUMN "year";--> statement-breakpoint
ALTER TABLE "printed_documents" DROP COLUMN "sequence";--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_number_unique" UNIQUE("number");--> statement-breakpoint
ALTER TABLE "annulments" ADD CONSTRAINT "annulments_number_unique" UNIQUE("number");
