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
# One class path per launcher (the CLI carries no logging framework, which keeps it quick to start), as paths
# relative to the distribution's root so an installed copy can live anywhere.
for app in mcp-app-cli:mcp mcp-app-agent:mcp-agent; do
  module=${app%%:*} launcher=${app#*:}
  ./mvnw -q -B -o dependency:build-classpath -pl "$module" -DincludeScope=runtime -Dmdep.outputFile="$dist/lib/$launcher.m2path" >/dev/null
  {
    (cd "$dist" && printf '%s\n' lib/"$module"-*.jar)
    tr ':' '\n' < "$dist/lib/$launcher.m2path" | while read -r jar || [[ -n "$jar" ]]; do printf 'lib/%s\n' "$(basename "$jar")"; done
  } | paste -sd: - > "$dist/lib/$launcher.classpath"
  rm "$dist/lib/$launcher.m2path"
done
cp deploy/target/mcp-deploy-*.jar "$dist/dev/mcp-testbed.jar"
install -m 0755 deploy/launchers/mcp deploy/launchers/mcp-agent "$dist/bin/"
echo "$JAVA_HOME" > "$dist/share/java-home"

deploy/scripts/train-aot.sh "$dist"
echo "built $("$dist/bin/mcp" --version) into $dist" >&2
