#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster on 127.0.0.1 and exports GUILLEMET_PG_URL for the tests.
# Sourced by scripts/test.sh; safe to run twice; works as root or as a user with sudo.
ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
if [ -z "$ver" ]; then
  echo "PostgreSQL is not installed: postgres tests will be skipped (apt-get install postgresql)" >&2
  return 0 2>/dev/null || exit 0
fi
if [ "$(id -u)" = 0 ]; then
  _pg() { su postgres -c "$*"; }
  _root() { "$@"; }
else
  _pg() { sudo -u postgres sh -c "$*"; }
  _root() { sudo "$@"; }
fi
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
  _root pg_createcluster "$ver" main >/dev/null
fi
_root pg_ctlcluster "$ver" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1; then
  echo "PostgreSQL $ver did not start on 127.0.0.1:5432: see /var/log/postgresql/" >&2
  return 1 2>/dev/null || exit 1
fi
_pg "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='guillemet'\"" | grep -q 1 \
  || _pg "psql -qc \"CREATE ROLE guillemet LOGIN SUPERUSER PASSWORD 'guillemet'\""
# A fresh database on every run, as on a new machine: nothing left by an earlier run
# (a text search configuration, an extension) can hide a fault of the first run.
_pg "dropdb --if-exists guillemet_test" && _pg "createdb -O guillemet guillemet_test"
export GUILLEMET_PG_URL="postgresql://guillemet:guillemet@127.0.0.1:5432/guillemet_test"
