#!/usr/bin/env bash
# Trains the CLI's JDK 25 AOT caches (JEP 483/514/515) of an assembled distribution, in place: an AOT cache is only valid
# for the exact class path it was trained on, so build.sh and install-agent.sh both run this where dist lives.
# Usage: deploy/scripts/train-aot.sh DIST_DIR   (MCP_AOT_TRAINING_LOG=FILE keeps what the training commands print)
#
# The CLI's cache is trained on the command operators run most, `mcp ps --json`, against a real agent of this
# distribution on loopback (fake runtime, a throw-away self-signed certificate, no MCIAS): the run loads picocli,
# TOML, the gRPC client, the TLS 1.3 handshake and an RPC's answer, which a run against no agent leaves out
# (BENCHMARKS.md, P5). Without openssl, or when that agent cannot start, it trains against an address where no agent
# listens: a smaller cache, still valid. The agent itself runs without a cache (see the mcp-agent launcher).
set -euo pipefail
dist=$(cd "${1:?usage: train-aot.sh DIST_DIR}" && pwd)
# (mcp-agent.aot: older builds trained one for the agent, which now starts without; BENCHMARKS.md P4)
rm -f "$dist/share/mcp.aot" "$dist/share/mcp-version.aot" "$dist/share/mcp-agent.aot"
train=$(mktemp -d)
agent_pid=""
cleanup() {
  if [[ -n "$agent_pid" ]]; then kill "$agent_pid" 2>/dev/null || true; wait "$agent_pid" 2>/dev/null || true; fi
  rm -rf "$train"
}
trap cleanup EXIT
mkdir -p "$train/services" "$train/srv"
chmod 0700 "$train"

# An agent on loopback, when openssl can make its certificate.
address="127.0.0.1:1"
ca=""
if command -v openssl >/dev/null 2>&1; then
  port=$(( 40000 + RANDOM % 5000 ))
  if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=mcp-aot-training" \
       -addext "subjectAltName=IP:127.0.0.1" -keyout "$train/key.pem" -out "$train/cert.pem" >/dev/null 2>&1; then
    chmod 0600 "$train/key.pem"
    cat > "$train/mcp-agent.toml" <<TOML
[server]
grpc_addr = "127.0.0.1:$port"
tls_cert = "$train/cert.pem"
tls_key = "$train/key.pem"
[database]
path = "$train/mcp.db"
[mcias]
server_url = "https://127.0.0.1:1"
[agent]
node_name = "training"
container_runtime = "fake"
srv_dir = "$train/srv"
[log]
level = "error"
TOML
    "$dist/bin/mcp-agent" server --config "$train/mcp-agent.toml" >"$train/agent.log" 2>&1 &
    agent_pid=$!
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        address="127.0.0.1:$port"
        ca="$train/cert.pem"
        break
      fi
      kill -0 "$agent_pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
fi
[[ "$address" != "127.0.0.1:1" ]] || echo "note: training the CLI's AOT cache without an agent (no openssl, or it did not start)" >&2

cat > "$train/mcp.toml" <<TOML
[services]
dir = "$train/services"
[auth]
token_path = "$train/token"
[tls]
ca_cert = "$ca"
[[nodes]]
name = "training"
address = "$address"
TOML
cat > "$train/services/training.toml" <<TOML
name = "training"
node = "training"
active = true

[[components]]
name = "api"
image = "localhost/mcp-training:v1"
ports = ["127.0.0.1:18080:8080"]
TOML
# Each command reaches the agent, which answers UNAVAILABLE (no MCIAS to check the token with) after the handshake and
# the RPC's round trip. MCP_AOT_TRAINING runs them in one JVM, so the cache holds every one's path (McpMain).
MCP_TOKEN=training MCP_NO_AOT=1 MCP_JAVA_OPTS="-XX:AOTCacheOutput=$dist/share/mcp.aot" \
  MCP_AOT_TRAINING="--config $train/mcp.toml ps --json
--config $train/mcp.toml ps
--config $train/mcp.toml deploy training --force
--config $train/mcp.toml status training" \
  "$dist/bin/mcp" >"${MCP_AOT_TRAINING_LOG:-/dev/null}" 2>&1 || true
# `mcp --version` gets a cache of its own: the ~60 classes it needs, not the ~5,000 a command maps (BENCHMARKS.md, P5).
MCP_NO_AOT=1 MCP_JAVA_OPTS="-XX:AOTCacheOutput=$dist/share/mcp-version.aot" "$dist/bin/mcp" --version >/dev/null 2>&1 || true
[[ -f "$dist/share/mcp.aot" ]] || echo "warning: no AOT cache was produced for mcp; it starts without one" >&2
