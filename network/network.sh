#!/usr/bin/env bash
# The local xborder Fabric network: 3 Raft orderers, one or more peers for each of
# CNBank, USBank, JPBank and ClearingHouse, and one chaincode server per
# organisation, all native processes on 127.0.0.1 with TLS everywhere.
#
#   network.sh up                 build Fabric if needed, start everything, create the channel, deploy
#   network.sh down [--clean]     stop every process; --clean also deletes ledgers and crypto material
#   network.sh deploy             (re)deploy the chaincode; changed code is upgraded to the next sequence
#   network.sh status [--json]    nodes, channel height, committed chaincode
#   network.sh stop NODE | start NODE | logs NODE [-f]
#   network.sh env NODE           the exact environment and command line NODE runs with, to paste in a shell
#   network.sh package [OUT_DIR]  write node and ccaas chaincode packages, print their package ids
#   network.sh build              only build (or locate) the Fabric and Fabric CA binaries
#   network.sh register --org ORG --name NAME [--attrs 'k=v,...']
#                                 register NAME with the org's CA (attributes in its certificate),
#                                 enroll it, and add it to the org's connection files
#
# Settings (environment): XBORDER_PORT_BASE (7000), XBORDER_RUN_DIR (network/.run),
# XBORDER_PEERS_PER_ORG (1), FABRIC_BIN / FABRIC_CA_BIN (use existing release binaries),
# XBORDER_BATCH_TIMEOUT (250ms) and XBORDER_BATCH_MAX_MESSAGES (100) for a new channel,
# XBORDER_GOMAXPROCS (a quarter of the cores, at least 1), XBORDER_READY_TIMEOUT (120 s),
# XBORDER_LOG_SPEC (INFO, per-request lines at WARNING; see lib/common.sh).
set -euo pipefail

NETWORK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for lib in common build nodes ca identities channel chaincode status profiles env; do
  # shellcheck source=/dev/null
  source "$NETWORK_DIR/lib/$lib.sh"
done

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

require_tools() {
  local t
  for t in jq curl openssl perl tar gzip sha256sum setsid node; do
    command -v "$t" >/dev/null || die "'$t' is required but not installed"
  done
}

ensure_ports_free() {
  local name port
  for name in $(all_nodes); do
    node_pid "$name" >/dev/null && continue
    case "$(node_kind "$name")" in
      orderer) port=$(orderer_port "$name") ;;
      peer) port=$(peer_port "$name") ;;
      chaincode) port=$(chaincode_port "$(node_org "$name")") ;;
      ca) port=$(ca_port "$(node_org "$name")") ;;
    esac
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port (for $name) is already in use. Stop whatever listens there, or choose another range with XBORDER_PORT_BASE."
    fi
  done
}

cmd_up() {
  local start=$SECONDS
  require_tools
  locate_fabric
  mkdir -p "$LOG_DIR" "$DATA_DIR" "$PID_DIR"
  generate_crypto
  generate_node_config
  ensure_ports_free
  start_cas
  issue_identities
  local name
  for name in "${ORDERERS[@]}"; do start_node "$name"; done
  wait_ready "${ORDERERS[@]}"
  create_genesis_block
  join_orderers
  wait_channel_active
  # shellcheck disable=SC2046
  for name in $(peer_names); do start_node "$name"; done
  # shellcheck disable=SC2046
  wait_ready $(peer_names)
  join_peers
  write_connection_files
  write_common_profiles
  deploy_chaincode
  log "Network up in $((SECONDS - start))s. Connection files: $CONNECTION_DIR; common connection profiles: $PROFILE_DIR"
}

cmd_down() {
  local pid
  # Chaincode servers first, then peers, then orderers: clients of a node stop before it.
  # shellcheck disable=SC2046
  stop_nodes $(all_nodes | grep '^chaincode\.')
  # shellcheck disable=SC2046
  stop_nodes $(peer_names)
  stop_nodes "${ORDERERS[@]}"
  # shellcheck disable=SC2046
  stop_nodes $(ca_nodes)
  for pid in $(orphan_pids); do
    log "Stopping unrecorded network process $pid"
    kill -TERM "$pid" 2>/dev/null || true
  done
  if [[ "${1:-}" == "--clean" ]]; then
    rm -rf "$RUN_DIR"
    log "Network stopped; ledgers, crypto material and logs removed"
  else
    log "Network stopped; ledgers kept (use 'down --clean' to remove them)"
  fi
}

cmd_deploy() {
  require_tools
  locate_fabric
  node_pid "peer0.$(lower "${ORGS[0]}")" >/dev/null || die "the network is not running: run 'network.sh up'"
  deploy_chaincode
}

cmd_status() {
  [[ -d "$RUN_DIR" ]] && { locate_fabric_quietly || true; }
  if [[ "${1:-}" == "--json" ]]; then status_json; else status_text; fi
}

# status must not start a Fabric build: use binaries only if they already exist.
locate_fabric_quietly() {
  if [[ -n "${FABRIC_BIN:-}" ]]; then BIN=$FABRIC_BIN; return; fi
  fabric_cache_complete && BIN=$FABRIC_CACHE/bin
}

cmd_node() { # cmd_node start|stop NODE
  local action=$1 name=${2:-}
  [[ -n "$name" ]] || die "usage: network.sh $action NODE (nodes: $(all_nodes | tr '\n' ' '))"
  node_kind "$name" >/dev/null
  if [[ "$action" == stop ]]; then
    stop_node "$name"
    log "$name stopped"
  else
    require_tools
    locate_fabric
    start_node "$name"
    wait_ready "$name"
    log "$name running (pid $(node_pid "$name"))"
  fi
}

cmd_logs() {
  local name=${1:-}
  [[ -n "$name" ]] || die "usage: network.sh logs NODE [-f]"
  node_kind "$name" >/dev/null
  [[ -f "$LOG_DIR/$name.log" ]] || die "no log for $name yet"
  if [[ "${2:-}" == "-f" ]]; then tail -n 100 -f "$LOG_DIR/$name.log"; else tail -n 200 "$LOG_DIR/$name.log"; fi
}

cmd_register() {
  local org="" name="" attrs="" o
  while (($#)); do
    case "$1" in
      --org) org=${2:-}; shift 2 || die "--org needs a value" ;;
      --name) name=${2:-}; shift 2 || die "--name needs a value" ;;
      --attrs) attrs=${2:-}; shift 2 || die "--attrs needs a value" ;;
      *) die "usage: network.sh register --org ORG --name NAME [--attrs 'name=value,...']" ;;
    esac
  done
  [[ -n "$org" && -n "$name" ]] || die "usage: network.sh register --org ORG --name NAME [--attrs 'name=value,...']"
  for o in "${ORGS[@]}"; do [[ "$(lower "$o")" == "$(lower "$org")" ]] && org=$o; done
  org_index "$org" >/dev/null
  [[ "$name" =~ ^[a-z0-9][a-z0-9._-]{0,63}$ ]] ||
    die "identity names are lower-case letters, digits, '.', '_' and '-' (at most 64), got '$name'"
  [[ "$name" == admin ]] && die "'admin' is the CA's bootstrap registrar"
  if identity_names "$org" | grep -qix -- "$name"; then
    die "$org already has an identity '$name' (see $CONNECTION_DIR/$(lower "$org").json)"
  fi
  require_tools
  locate_fabric
  node_pid "$(ca_node "$org")" >/dev/null || die "$(ca_node "$org") is not running: run 'network.sh up'"
  enroll_registrar "$org"
  register_and_enroll "$org" "$name" "$attrs"
  echo "$name" >>"$(ca_registered_file "$org")"
  write_connection_files
  write_common_profiles
  log "Registered and enrolled $name with $(ca_caname "$org")${attrs:+ (attributes $attrs)}; it is identity '$name' in $CONNECTION_DIR/$(lower "$org").json"
  identity_json "$org" "$name"
}

# One command at a time per network: a second `up` waits for the first.
lock_network() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/.lock"
  flock 9
}

main() {
  local cmd=${1:-help}
  shift || true
  case "$cmd" in
    up | down | deploy | start | stop | register) lock_network ;;
  esac
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down "$@" ;;
    deploy) cmd_deploy ;;
    status) cmd_status "$@" ;;
    start | stop) cmd_node "$cmd" "$@" ;;
    logs) cmd_logs "$@" ;;
    register) cmd_register "$@" ;;
    env)
      [[ -n "${1:-}" ]] || die "usage: network.sh env NODE (nodes: $(all_nodes | tr '\n' ' '))"
      require_tools
      locate_fabric
      print_node_env "$1" ;;
    build) require_tools; locate_fabric; log "Fabric binaries: $BIN; Fabric CA binaries: $CA_BIN" ;;
    package)
      require_tools
      locate_fabric
      generate_node_config
      package_for_channel "${1:-$RUN_DIR/packages}" ;;
    help | -h | --help) usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
