#!/usr/bin/env bash
# Trains the JDK 25 AOT caches (JEP 483/514) of an assembled distribution, in place: an AOT cache is only valid
# for the exact class path it was trained on, so build.sh and install-agent.sh both run this where dist lives.
# Usage: deploy/scripts/train-aot.sh DIST_DIR
set -euo pipefail
dist=$(cd "${1:?usage: train-aot.sh DIST_DIR}" && pwd)
rm -f "$dist/share/mcp.aot" "$dist/share/mcp-agent.aot"
train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
# A one-shot command of the kind operators run: it loads picocli, TOML, the gRPC client and TLS, then finds
# no agent on port 1.
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
[[ -f "$dist/share/mcp.aot" ]] || echo "warning: no AOT cache was produced for mcp; it starts without one" >&2
