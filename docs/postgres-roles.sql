-- Least-privilege roles for a chachong PostgreSQL store (docs/postgres.md, "Least-privilege role").
--
-- Run with psql as the role that owns the store's schema (the one whose first `chachong ingest`
-- or `chachong migrate` created the tables), in the store's database:
--
--   psql -h HOST -U chachong_owner -d chachong -v schema=public -f docs/postgres-roles.sql
--
-- Variables (psql -v NAME=VALUE), all optional:
--   schema       the store's schema (its URL's schema=…, default public)
--   app_role     role for ingest/check/query/serve (default chachong_app): reads and writes rows
--   reader_role  role for query/list/stats/check without --add (default chachong_reader): reads only
-- Safe to run again (roles are created only when missing; grants repeat harmlessly). Roles are
-- created with LOGIN and no password: set one with \password or ALTER ROLE, or use certificate
-- or peer authentication in pg_hba.conf. Tests/PostgresStoreTests/PostgresRoleTests
-- runs this file on the test cluster and checks what each role can and cannot do.

\set ON_ERROR_STOP on
\if :{?schema}
\else
  \set schema public
\endif
\if :{?app_role}
\else
  \set app_role chachong_app
\endif
\if :{?reader_role}
\else
  \set reader_role chachong_reader
\endif

SELECT format('CREATE ROLE %I LOGIN', :'app_role')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_role') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'reader_role')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'reader_role') \gexec

-- Connect and see the schema; never create anything in it (no CREATE on the schema or the
-- database): the app role cannot migrate, alter or drop tables, and an open that would migrate
-- fails with the reason.
GRANT CONNECT ON DATABASE :"DBNAME" TO :"app_role", :"reader_role";
GRANT USAGE ON SCHEMA :"schema" TO :"app_role", :"reader_role";

-- The reader: every table, read only.
GRANT SELECT ON ALL TABLES IN SCHEMA :"schema" TO :"reader_role";

-- The app: rows of the archive, the job queue and the service state; chachong_meta (schema
-- version, parameters, key check value) read only.
GRANT SELECT ON ALL TABLES IN SCHEMA :"schema" TO :"app_role";
GRANT INSERT, UPDATE, DELETE ON
  :"schema".documents, :"schema".document_texts, :"schema".band_postings, :"schema".section_postings,
  :"schema".fingerprint_postings, :"schema".templates, :"schema".chachong_jobs, :"schema".chachong_state,
  :"schema".chachong_blobs, :"schema".chachong_audit
  TO :"app_role";
-- Identity columns (documents.doc, chachong_audit.sequence).
GRANT USAGE ON ALL SEQUENCES IN SCHEMA :"schema" TO :"app_role";

-- Tables a later migration step adds (created by this owner): readable by both roles; the app's
-- write grants for them are added to this file with the step.
ALTER DEFAULT PRIVILEGES IN SCHEMA :"schema" GRANT SELECT ON TABLES TO :"app_role", :"reader_role";
