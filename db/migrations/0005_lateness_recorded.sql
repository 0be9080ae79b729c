-- Lateness is a fact of the act (decision 045): statistics count what was recorded. Decisions made
-- late before this release, with no sweep before them, are marked late as of their decision. Their
-- journal keeps what it said then (append-only): no decision.overdue entry is written for them.
UPDATE applications a SET overdue_recorded_at = d.decided_at
FROM decisions d
WHERE d.application_id = a.id AND a.overdue_recorded_at IS NULL AND a.decision_due_at IS NOT NULL AND d.decided_at >= a.decision_due_at;
