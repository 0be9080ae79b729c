-- The database and its two roles, for a PostgreSQL server (15 or later). Run as a superuser:
--
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -f deploy/roles.sql
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -v db=cabinet -v owner=cabinet_owner -v app=cabinet_app -f deploy/roles.sql
--
-- * `owner` (cabinet_owner) owns the database and every object in it: `npm run db:migrate` runs
--   with it (DDL). Nothing else does.
-- * `app` (cabinet_app) is what the app processes connect with: reads and writes rows, makes no
--   table, type or function (no CREATE anywhere), and may only read and append to the journal
--   (`journal_entries`: SELECT and INSERT; no UPDATE, DELETE or TRUNCATE — the trigger of
--   migration 0001 refuses them as well).
--
-- Idempotent: run it again at any time (before the first migration or after). Tables a later
-- migration makes get the same rights through the default privileges below; every `db:migrate` run
-- also takes UPDATE, DELETE and TRUNCATE on the journal back from every role but its owner.
-- The roles are made without a password; give each one (psql: \password cabinet_owner) or use
-- peer/certificate authentication in pg_hba.conf.

\if :{?db}
\else
  \set db cabinet
\endif
\if :{?owner}
\else
  \set owner cabinet_owner
\endif
\if :{?app}
\else
  \set app cabinet_app
\endif

SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
-- Neither role may make roles or databases, nor bypass row rules.
ALTER ROLE :"owner" NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE :"app" NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'db', :'owner', 'UTF8')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";

\connect :"db"

-- Only the owner creates objects (PostgreSQL 15 already takes CREATE on public from PUBLIC).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- Whatever the owner creates later (every migration): rows for the app, nothing more.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT USAGE ON SCHEMAS TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- What is there already (the script run on a migrated database).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
-- drizzle's record of applied migrations: the app reads it at start to check the schema version.
SELECT format('GRANT USAGE ON SCHEMA drizzle TO %I', :'app') WHERE EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') \gexec
SELECT format('REVOKE ALL ON ALL TABLES IN SCHEMA drizzle FROM %I', :'app') WHERE EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') \gexec
SELECT format('GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO %I', :'app') WHERE EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') \gexec
-- The journal is append-only.
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE ON journal_entries FROM %I', :'app') WHERE to_regclass('public.journal_entries') IS NOT NULL \gexec
-- So are its time-stamp tokens (decision 062).
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE ON journal_anchors FROM %I', :'app') WHERE to_regclass('public.journal_anchors') IS NOT NULL \gexec
