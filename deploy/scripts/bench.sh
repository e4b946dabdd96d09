#!/usr/bin/env bash
# Runs MCP's benchmark suite (BENCHMARKS.md): real agents on loopback over real podman, a registry on loopback, real
# TLS and the dev MCIAS; every metric is measured next to its baseline in the same run and printed as ratios
# (median [min–max]). Installs what it needs like test.sh (run as root on a Debian machine) and builds the launchers.
# Usage: deploy/scripts/bench.sh [--quick] [--only=P1,P5,…] [--idle=10m]
#   --quick   small parameters, to check the suite works (a minute or three)
#   --only    run only these metrics (P1…P7)
#   --idle    the idle window of P4 (default 10m; it runs beside P1, P2a, P3, P6 and P7)
# Environment: MCP_DIST (where to assemble the launchers, default <repo>/dist), MCP_BENCH_OUT (the results file,
# default deploy/target/bench/results.md). Not part of test.sh: it takes minutes and its figures are not assertions.
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"
started=$SECONDS

ensure_packages
select_jdk

export MCP_TESTBED_DIR="${MCP_TESTBED_DIR:-$root/.testbed}"
# The test bed may be shared with tests running now: bring it up (idempotent) and leave it as it was found.
was_up=""
if [[ -f "$MCP_TESTBED_DIR/env" ]] && curl -fsS -o /dev/null "http://127.0.0.1:45000/v2/" 2>/dev/null; then
  was_up=1
fi
deploy/testbed/testbed.sh up
if [[ -z "$was_up" ]]; then
  trap 'deploy/testbed/testbed.sh down || true' EXIT
fi
# shellcheck source=/dev/null
source "$MCP_TESTBED_DIR/env"

dist="${MCP_DIST:-$root/dist}"
# build.sh installs every module with -DskipTests, which still compiles the test sources the suite lives in
MCP_DIST="$dist" deploy/scripts/build.sh
work=$(mktemp -d)
trap 'rm -rf "$work"; [[ -n "$was_up" ]] || deploy/testbed/testbed.sh down || true' EXIT
./mvnw -q -B -o dependency:build-classpath -pl deploy -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null
# a private copy of the compiled suite: another build in this checkout may recompile deploy/target while it runs
cp -r deploy/target/test-classes "$work/test-classes"
cp -r deploy/target/classes "$work/classes"

out="${MCP_BENCH_OUT:-$root/deploy/target/bench/results.md}"
mkdir -p "$(dirname "$out")"
{
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), kernel $(uname -r)"
  echo "Memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(podman --version)"
  echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Command: deploy/scripts/bench.sh $*"
  echo
} | tee "$out.head"
"$JAVA_HOME/bin/java" -Dmcp.dist="$dist" -Dmcp.repo="$root" \
  -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  --enable-native-access=ALL-UNNAMED -cp "$work/test-classes:$work/classes:$(cat "$work/classpath")" \
  net.metacircular.mcp.bench.Bench "$@" --out="$out.table"
{
  cat "$out.head" "$out.table"
  echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg); whole command incl. build: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
} > "$out"
rm -f "$out.head" "$out.table"
echo "results: $out" >&2
tail -1 "$out" >&2
