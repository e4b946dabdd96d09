#!/usr/bin/env bash
# Demo of MCP's main job on an embedded default: a throw-away CA, a local development MCIAS, one mcp-agent
# on loopback driving podman (in an isolated store), and the operator CLI deploying an example
# two-component service, then `mcp ps` and `mcp status`. Everything lives under .demo/ and is stopped at exit.
# Usage: deploy/scripts/demo.sh        (run as root on a Debian machine; installs what it needs)
# Environment: MCP_DEMO_DIST, an already built distribution to use instead of building one (the test that
# runs this demo uses it); MCP_TESTBED_REGISTRY_PORT (default 45050).
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"
ensure_packages
select_jdk

demo="$root/.demo"
rm -rf "$demo"
mkdir -p "$demo/pki" "$demo/node/srv" "$demo/operator/services"
export MCP_TESTBED_DIR="$demo/testbed"
# Its own registry port, so the demo can run beside a test run's test bed.
export MCP_TESTBED_REGISTRY_PORT=${MCP_TESTBED_REGISTRY_PORT:-45050}
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  deploy/testbed/testbed.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT

say() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

if [[ -n "${MCP_DEMO_DIST:-}" ]]; then
  dist=$(cd "$MCP_DEMO_DIST" && pwd)
else
  say "building the launchers"
  deploy/scripts/build.sh
  dist="$root/dist"
fi

say "starting a registry on loopback and pushing the demo image"
deploy/testbed/testbed.sh up >/dev/null
# shellcheck source=/dev/null
source "$MCP_TESTBED_DIR/env"

say "making a CA and certificates for the agent and MCIAS"
pki="$demo/pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$pki/ca.key" \
  -out "$pki/ca.pem" -days 1 -subj "/CN=MCP demo CA" 2>/dev/null
for name in agent mcias; do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$pki/$name.ec.key" \
    -out "$pki/$name.csr" -subj "/CN=127.0.0.1" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$pki/$name.ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial \
    -out "$pki/$name.pem" -days 1 -extfile "$pki/$name.ext" 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in "$pki/$name.ec.key" -out "$pki/$name.key"
  chmod 600 "$pki/$name.key"
done

say "starting the development MCIAS"
"$JAVA_HOME/bin/java" -cp "$dist/dev/mcp-testbed.jar" net.metacircular.mcp.testbed.DevMcias \
  --listen 127.0.0.1:0 --cert "$pki/mcias.pem" --key "$pki/mcias.key" \
  --account admin:demo-password:admin --port-file "$demo/mcias.port" >"$demo/mcias.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s "$demo/mcias.port" ]] && break; sleep 0.1; done
mcias_port=$(cat "$demo/mcias.port")
token=$(curl -sS --cacert "$pki/ca.pem" -H 'Content-Type: application/json' \
  -d '{"username":"admin","roles":["admin"],"ttl_seconds":3600}' \
  "https://127.0.0.1:$mcias_port/v1/dev/issue" | sed -E 's/.*"token" *: *"([^"]+)".*/\1/')

say "starting mcp-agent for node 'demo' on 127.0.0.1:19444"
cat > "$demo/node/mcp-agent.toml" <<TOML
[server]
grpc_addr = "127.0.0.1:19444"
tls_cert = "$pki/agent.pem"
tls_key = "$pki/agent.key"

[database]
path = "$demo/node/mcp.db"

[mcias]
server_url = "https://127.0.0.1:$mcias_port"
ca_cert = "$pki/ca.pem"
service_name = "mcp-agent"

[agent]
node_name = "demo"
container_runtime = "podman"
srv_dir = "$demo/node/srv"
TOML
"$dist/bin/mcp-agent" server --config "$demo/node/mcp-agent.toml" >"$demo/node/agent.log" 2>&1 &
pids+=($!)
wait_port 19444 30 || { cat "$demo/node/agent.log" >&2; exit 1; }

cat > "$demo/operator/mcp.toml" <<TOML
[services]
dir = "$demo/operator/services"

[mcias]
server_url = "https://127.0.0.1:$mcias_port"
ca_cert = "$pki/ca.pem"

[auth]
token_path = "$demo/operator/token"

[tls]
ca_cert = "$pki/ca.pem"

[[nodes]]
name = "demo"
address = "127.0.0.1:19444"
TOML
cat > "$demo/operator/services/hello.toml" <<TOML
# The demo's two-component service: an API stand-in and a web server.
name = "hello"
node = "demo"
active = true

[[components]]
name = "api"
image = "$MCP_TEST_IMAGE_V1"
cmd = ["sleep", "100000"]

[[components]]
name = "web"
image = "$MCP_TEST_IMAGE_V1"
cmd = ["httpd", "-f", "-p", "8080"]
env = ["GREETING=hello"]
TOML
podman rm -f -t 0 --ignore hello-api hello-web >/dev/null

mcp() { MCP_TOKEN="$token" "$dist/bin/mcp" --config "$demo/operator/mcp.toml" "$@"; }
say "mcp deploy hello"
mcp deploy hello
say "mcp ps"
mcp ps
say "mcp status"
mcp status
say "done; the agent's log is $demo/node/agent.log"
podman rm -f -t 0 --ignore hello-api hello-web >/dev/null
