#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster on 127.0.0.1 and exports GUILLEMET_PG_URL for the tests.
# Sourced by scripts/test.sh; safe to run twice.
ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
if [ -z "$ver" ]; then
  echo "PostgreSQL is not installed: postgres tests will be skipped" >&2
  return 0 2>/dev/null || exit 0
fi
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 0.5
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='guillemet'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE guillemet LOGIN SUPERUSER PASSWORD 'guillemet'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='guillemet_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O guillemet guillemet_test"
export GUILLEMET_PG_URL="postgresql://guillemet:guillemet@127.0.0.1:5432/guillemet_test"
