# Shared by MCP's scripts: locate the repository and a JDK 25. Sourced, not run.
# shellcheck shell=bash
repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

# Selects a JDK 25 for the build: $JAVA_HOME if it is one, else Temurin 25 where Debian-kind machines have it.
select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    if [[ -n "$candidate" && -x "$candidate/bin/java" ]] \
       && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "2[5-9]'; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "error: no JDK 25 found; install Temurin 25 (or set JAVA_HOME to a JDK 25)" >&2
  return 1
}

# Installs the Debian packages MCP's tests and demo use, when any is missing (needs root).
ensure_packages() {
  local need=() pkg
  for pkg in podman runc docker-registry busybox-static uidmap shellcheck openssl curl; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if ((${#need[@]})); then
    echo "installing: ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

# Waits up to $2 seconds for a TCP port on 127.0.0.1.
wait_port() {
  local port=$1 secs=${2:-30} i
  for ((i = 0; i < secs * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}
