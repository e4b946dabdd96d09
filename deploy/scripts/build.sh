#!/usr/bin/env bash
# Builds MCP and assembles the launchers dist/bin/mcp and dist/bin/mcp-agent, with their AOT caches.
# Usage: deploy/scripts/build.sh [extra Maven arguments]   (tests are skipped; deploy/scripts/test.sh runs them)
# Environment: MCP_DIST, where to assemble (default <repo>/dist).
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"
select_jdk
# One build at a time in this checkout: two would overwrite each other's modules and dist.
exec 9>"${TMPDIR:-/tmp}/mcp-build.lock"
flock 9

./mvnw -q -B -DskipTests "$@" install

dist="${MCP_DIST:-$root/dist}"
rm -rf "$dist"
mkdir -p "$dist/bin" "$dist/lib" "$dist/share" "$dist/dev"
cp deploy/target/dist-lib/*.jar "$dist/lib/"
# The class path is fixed at build time: the AOT cache is only valid for the exact class path it was trained on.
# One class path per launcher (the CLI carries no logging framework, which keeps it quick to start).
for app in mcp-app-cli:mcp mcp-app-agent:mcp-agent; do
  module=${app%%:*} launcher=${app#*:}
  ./mvnw -q -B -o dependency:build-classpath -pl "$module" -DincludeScope=runtime -Dmdep.outputFile="$dist/lib/$launcher.m2path" >/dev/null
  {
    printf '%s\n' "$dist/lib/$module-"*.jar
    tr ':' '\n' < "$dist/lib/$launcher.m2path" | while read -r jar || [[ -n "$jar" ]]; do printf '%s\n' "$dist/lib/$(basename "$jar")"; done
  } | paste -sd: - > "$dist/lib/$launcher.classpath"
  rm "$dist/lib/$launcher.m2path"
done
cp deploy/target/mcp-deploy-*.jar "$dist/dev/mcp-testbed.jar"
install -m 0755 deploy/launchers/mcp deploy/launchers/mcp-agent "$dist/bin/"
echo "$JAVA_HOME" > "$dist/share/java-home"

# AOT training runs (JDK 25, JEP 483/514): load and link the classes a typical one-shot command uses.
train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
cat > "$train/mcp.toml" <<TOML
[services]
dir = "$train/services"
[auth]
token_path = "$train/token"
[[nodes]]
name = "training"
address = "127.0.0.1:1"
TOML
mkdir -p "$train/services"
MCP_TOKEN=training MCP_NO_AOT=1 MCP_JAVA_OPTS="-XX:AOTCacheOutput=$dist/share/mcp.aot" \
  "$dist/bin/mcp" --config "$train/mcp.toml" ps --json >/dev/null 2>&1 || true
MCP_NO_AOT=1 MCP_AGENT_JAVA_OPTS="-XX:AOTCacheOutput=$dist/share/mcp-agent.aot" \
  "$dist/bin/mcp-agent" --version >/dev/null 2>&1 || true
[[ -f "$dist/share/mcp.aot" ]] || echo "warning: no AOT cache was produced for mcp; it will start without one" >&2
echo "built $("$dist/bin/mcp" --version) into $dist" >&2
