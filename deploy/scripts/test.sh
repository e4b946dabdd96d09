#!/usr/bin/env bash
# Runs every test of MCP: unit, contract, architecture and end-to-end tests against real podman,
# a real OCI registry on loopback and real TLS. Installs what it needs (run as root on a Debian machine).
# Usage: deploy/scripts/test.sh [extra Maven arguments]
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"

ensure_packages
select_jdk

export MCP_TESTBED_DIR="${MCP_TESTBED_DIR:-$root/.testbed}"
deploy/testbed/testbed.sh up
trap 'deploy/testbed/testbed.sh down || true' EXIT
# shellcheck source=/dev/null
source "$MCP_TESTBED_DIR/env"

deploy/scripts/build.sh
./mvnw -B verify "$@"
