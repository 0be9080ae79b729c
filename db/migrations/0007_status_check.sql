-- An application's status is one of its machine's states (db/schema/applications.ts,
-- APPLICATION_STATUSES, checked against the machine by a unit test): any other word is refused by
-- the database itself, so no query, script or hand edit can store a status no page or step knows.
-- Every status written so far came from the machine's state, so existing rows pass.
ALTER TABLE "applications" ADD CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('draft', 'presented', 'returned', 'accepted', 'granted', 'refused', 'entered', 'already_annulled', 'expired'));
