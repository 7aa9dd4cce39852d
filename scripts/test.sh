#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, starts the services they use,
# and runs the whole test suite. `make test` and `.ci/run` both run this.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# System packages: a PostgreSQL server (store tests) and Chromium (UI tests).
need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Python packages: guillemet with every extra and the test tools.
python3 -m pip install -q -e '.[test]'

# PostgreSQL on loopback, with a throwaway database for the tests.
source scripts/start-postgres.sh

python3 -m pytest "$@"
