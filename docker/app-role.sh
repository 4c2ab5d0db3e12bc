#!/bin/sh
# The least-privilege role the api and the worker connect as (R21): created, or
# given LOGIN and its password, on every `docker compose up`, so a volume
# initialised by an earlier version gets it too. Its grants come from the
# LeastPrivilege migration, run by the owner (POSTGRES_USER) right after.
set -eu
psql -v ON_ERROR_STOP=1 -v app_password="$APP_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE huijia_app LOGIN PASSWORD %L', :'app_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'huijia_app') \gexec
ALTER ROLE huijia_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
SQL
