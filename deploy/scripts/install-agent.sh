#!/usr/bin/env bash
# Installs mcp-agent on a node: the `mcp` system user with subuid/subgid ranges for rootless podman, the data
# directories with their owners and modes, the distribution under /opt/mcp with the launcher linked into
# /usr/local/bin, and the systemd units. Idempotent: running it again changes nothing that is already right,
# and never overwrites an existing agent config.
#
# Usage: deploy/scripts/install-agent.sh [--dry-run] [--root DIR] [--dist DIR] [--java-home DIR]
#   --dry-run        print what would be done, change nothing
#   --root DIR       install into DIR as the file-system root (a scratch root or an image); default /
#   --dist DIR       the built distribution (default: <repo>/dist, made by deploy/scripts/build.sh)
#   --java-home DIR  the JDK 25 the agent runs on (default: the one the build recorded)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
root=/
dist="$repo/dist"
java_home=""
dry=0
while (($#)); do
  case "$1" in
    --dry-run) dry=1 ;;
    --root) root=${2:?--root needs a directory}; shift ;;
    --dist) dist=${2:?--dist needs a directory}; shift ;;
    --java-home) java_home=${2:?--java-home needs a directory}; shift ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-agent.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
root=${root%/}
[[ -f "$dist/bin/mcp-agent" ]] || { echo "install-agent.sh: no distribution at $dist: run deploy/scripts/build.sh" >&2; exit 1; }
if [[ -z "$java_home" && -f "$dist/share/java-home" ]]; then java_home=$(cat "$dist/share/java-home"); fi
if ((dry == 0)) && [[ $(id -u) -ne 0 ]]; then
  echo "install-agent.sh: run as root (or with --dry-run)" >&2; exit 1
fi

# run CMD...: does it, or says it would.
run() {
  if ((dry)); then printf 'would: %s\n' "$*"; else "$@"; fi
}
note() { printf '%s\n' "$*"; }

etc="$root/etc"
opt="$root/opt/mcp"
srv="$root/srv"

# --- the mcp user and its subordinate id ranges --------------------------------------------------------
next_range() { # first free start of a 65536-wide range in a subid file
  local file=$1
  awk -F: 'BEGIN { end = 100000 } { if ($2 + $3 > end) end = $2 + $3 } END { print end }' "$file" 2>/dev/null || echo 100000
}
ensure_user() {
  if [[ "$root" == "" ]] && getent passwd mcp >/dev/null; then
    note "user mcp exists"
  elif [[ "$root" != "" ]] && grep -q '^mcp:' "$etc/passwd" 2>/dev/null; then
    note "user mcp exists in $etc/passwd"
  elif [[ "$root" == "" ]]; then
    run useradd --system --user-group --home-dir /srv/mcp --no-create-home --shell /usr/sbin/nologin mcp
  else
    # A scratch root has no useradd database of its own: write the entries directly.
    local uid=999
    while grep -q "^[^:]*:[^:]*:$uid:" "$etc/passwd" 2>/dev/null || grep -q "^[^:]*:[^:]*:$uid:" "$etc/group" 2>/dev/null; do
      uid=$((uid - 1))
    done
    run mkdir -p "$etc"
    run sh_append "$etc/group" "mcp:x:$uid:"
    run sh_append "$etc/passwd" "mcp:x:$uid:$uid:MCP agent:/srv/mcp:/usr/sbin/nologin"
  fi
  local f
  for f in subuid subgid; do
    if grep -q '^mcp:' "$etc/$f" 2>/dev/null; then
      note "mcp already has a range in $etc/$f"
    else
      run sh_append "$etc/$f" "mcp:$(next_range "$etc/$f"):65536"
    fi
  done
}
sh_append() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" >> "$1"; }

owner() { # the mcp user's numeric ids inside the root (a scratch root's ids are not the host's names)
  if [[ "$root" == "" ]]; then echo "mcp:mcp"; else
    awk -F: '$1 == "mcp" { print $3 ":" $4 }' "$etc/passwd" 2>/dev/null || true
  fi
}

# --- directories ---------------------------------------------------------------------------------------
ensure_dir() { # path mode
  if [[ -d "$1" ]]; then note "directory $1 exists"; else run mkdir -p "$1"; fi
  run chmod "$2" "$1"
  local o
  o=$(owner)
  if [[ -n "$o" ]]; then run chown "$o" "$1"; fi
}

# --- the distribution ----------------------------------------------------------------------------------
install_dist() {
  run mkdir -p "$(dirname "$opt")"
  run rm -rf "$opt.new"
  run cp -a "$dist" "$opt.new"
  if [[ -n "$java_home" ]]; then
    if ((dry)); then printf 'would: record JDK %s in %s\n' "$java_home" "$opt.new/share/java-home"
    else printf '%s\n' "$java_home" > "$opt.new/share/java-home"; fi
  fi
  # Swap in the new tree, then retrain the AOT caches for the class path they now have.
  run rm -rf "$opt.old"
  if [[ -e "$opt" ]]; then run mv "$opt" "$opt.old"; fi
  run mv "$opt.new" "$opt"
  run rm -rf "$opt.old"
  if [[ "$root" == "" && -x "$java_home/bin/java" ]]; then
    run "$here/train-aot.sh" "$opt"
  else
    note "skipping AOT training (not the live root, or no JDK 25 at '${java_home:-?}'); the agent starts without it"
    run rm -f "$opt/share/mcp.aot" "$opt/share/mcp-version.aot" "$opt/share/mcp-agent.aot"
  fi
  run mkdir -p "$root/usr/local/bin"
  run ln -sfn /opt/mcp/bin/mcp-agent "$root/usr/local/bin/mcp-agent"
  run ln -sfn /opt/mcp/bin/mcp "$root/usr/local/bin/mcp"
}

# --- units and config ----------------------------------------------------------------------------------
install_units() {
  local unit
  run mkdir -p "$etc/systemd/system"
  for unit in "$repo"/deploy/systemd/*.service "$repo"/deploy/systemd/*.timer; do
    [[ -e "$unit" ]] || continue
    run install -m 0644 "$unit" "$etc/systemd/system/$(basename "$unit")"
  done
  if [[ -f "$srv/mcp/mcp-agent.toml" ]]; then
    note "config $srv/mcp/mcp-agent.toml exists; left as it is"
  else
    run install -m 0600 "$repo/deploy/examples/mcp-agent.toml" "$srv/mcp/mcp-agent.toml"
    local o
    o=$(owner)
    if [[ -n "$o" ]]; then run chown "$o" "$srv/mcp/mcp-agent.toml"; fi
    note "edit $srv/mcp/mcp-agent.toml (grpc_addr, node_name, MCIAS) and put cert.pem and key.pem in $srv/mcp/certs/"
  fi
  if [[ "$root" == "" ]] && ((dry == 0)) && [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload
    note "then: systemctl enable --now mcp-agent.service mcp-agent-backup.timer"
  fi
}

ensure_user
ensure_dir "$srv" 0755
ensure_dir "$srv/mcp" 0700
ensure_dir "$srv/mcp/certs" 0700
ensure_dir "$srv/mcp/backups" 0700
ensure_dir "$srv/mcp/tmp" 0700
install_dist
install_units
if [[ -n "$java_home" && ! -x "$java_home/bin/java" ]]; then
  note "warning: the agent needs a JDK 25 at $java_home (or MCP_JAVA in the unit's environment)"
fi
note "mcp-agent installed into ${root:-/}"
