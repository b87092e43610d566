-- The login Grafana connects with: read-only, through the sahara_api_readonly role that the
-- migrations create (db/migrations/*-ReadOnlyRole.js: SELECT on every table, now and later).
-- Run it once per PostgreSQL server, as a user that may create roles:
--   psql "$ADMIN_DATABASE_URL" -v user=sahara_grafana -v password="$GRAFANA_DB_PASSWORD" -f grafana/reader-role.sql
-- or `docker compose --profile setup run --rm grafana-reader` (docs/dashboards.md).
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN', :'user')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE', :'user', :'password') \gexec
SELECT format('GRANT sahara_api_readonly TO %I', :'user') \gexec
SELECT format('ALTER ROLE %I SET default_transaction_read_only = on', :'user') \gexec
