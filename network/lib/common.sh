# shellcheck shell=bash
# Settings and small helpers shared by every network.sh subcommand.
# Every setting can be overridden from the environment.

REPO_DIR=$(cd "$NETWORK_DIR/.." && pwd)
RUN_DIR=${XBORDER_RUN_DIR:-$NETWORK_DIR/.run}   # crypto, ledgers, logs, pids: all generated, all ignored
PORT_BASE=${XBORDER_PORT_BASE:-7000}            # a second network side by side: XBORDER_PORT_BASE=8000 XBORDER_RUN_DIR=...
PEERS_PER_ORG=${XBORDER_PEERS_PER_ORG:-1}
CHANNEL=${XBORDER_CHANNEL:-xborder}
CC_NAME=${XBORDER_CHAINCODE:-xborder}
CC_POLICY=${XBORDER_ENDORSEMENT_POLICY:-"OutOf(2, 'CNBankMSP.peer', 'USBankMSP.peer', 'JPBankMSP.peer', 'ClearingHouseMSP.peer')"}
READY_TIMEOUT=${XBORDER_READY_TIMEOUT:-120}     # seconds to wait for a node to report ready
# Scheduler threads of each peer and orderer (Go's GOMAXPROCS). Seven Go processes share this
# machine's cores; each sized to all of them spends CPU spinning and handing work between threads.
# One per four cores (one on 2 cores) cut the peers' CPU per transaction by 7-12% (docs/tuning.md).
GO_MAXPROCS=${XBORDER_GOMAXPROCS:-$((($(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 4) + 3) / 4))}
# The channel's block cutting (set before the channel is created: `down --clean`, then `up`).
BATCH_TIMEOUT=${XBORDER_BATCH_TIMEOUT:-250ms}
BATCH_MAX_MESSAGES=${XBORDER_BATCH_MAX_MESSAGES:-100}
# Fabric logging of peers and orderers: INFO, without the lines written for every request
# (gRPC call completed, chaincode finished, transaction sent to the orderer, and the orderer's
# warning for every Broadcast stream a gateway closes), 4-8% of their CPU (docs/tuning.md).
LOG_SPEC=${XBORDER_LOG_SPEC:-INFO:comm.grpc.server,endorser,gateway=WARNING:orderer.common.broadcast=ERROR}

ORGS=(CNBank USBank JPBank ClearingHouse)
ORDERERS=(orderer0 orderer1 orderer2)
ORDERER_DOMAIN=orderer.xborder.test

CRYPTO="$RUN_DIR/crypto"
CONFIG_DIR="$RUN_DIR/config"
DATA_DIR="$RUN_DIR/data"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
CONNECTION_DIR="$RUN_DIR/connection"

log() { echo "[network] $*" >&2; }
die() {
  echo "[network] error: $*" >&2
  exit 1
}

# retry WHAT STEP [ARG...]: runs STEP until it succeeds, for at most READY_TIMEOUT seconds,
# and prints what its successful run printed. Steps are idempotent and fail only when the
# network cannot answer *yet* (a node still starting, no Raft leader, discovery not built):
# one failed probe is never taken to mean "not joined" or "not installed". A failing step
# prints the answer it got; each one goes to cli.log, and the last into the error naming WHAT.
retry() {
  local what=$1 deadline=$((SECONDS + READY_TIMEOUT)) out
  shift
  until out=$("$@"); do
    printf '[%s] not yet (%s): %s\n' "$(date +%T)" "$what" "$out" >>"$LOG_DIR/cli.log"
    ((SECONDS < deadline)) || die "$what within ${READY_TIMEOUT}s. Last answer:
$out"
    sleep 0.3
  done
  [[ -z "$out" ]] || printf '%s\n' "$out"
}

# output_or_error CMD...: CMD's standard output when it succeeds; its error output, and
# failure, when not. For answers that are parsed (JSON) but whose errors are reported.
output_or_error() {
  local errors out status=0
  errors=$(mktemp)
  out=$("$@" 2>"$errors") || status=$?
  if ((status == 0)); then printf '%s\n' "$out"; else cat "$errors"; fi
  rm -f "$errors"
  return "$status"
}

lower() { tr '[:upper:]' '[:lower:]' <<<"$1"; }
org_domain() { echo "$(lower "$1").xborder.test"; }
org_msp() { echo "${1}MSP"; }
org_dir() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")"; }

# Ports: node slot n owns PORT_BASE+10n .. +9. Orderers take slots 0-2, then the
# peers in org order, then one chaincode server per org.
#   +0 main gRPC listener   +1 admin (orderer) or chaincode listener (peer)   +2 operations
orderer_index() { echo "${1#orderer}"; }
orderer_port() { echo $((PORT_BASE + 10 * $(orderer_index "$1"))); }
orderer_admin_port() { echo $(($(orderer_port "$1") + 1)); }
orderer_ops_port() { echo $(($(orderer_port "$1") + 2)); }

org_index() {
  local i
  for i in "${!ORGS[@]}"; do
    [[ "${ORGS[$i]}" == "$1" ]] && { echo "$i"; return; }
  done
  die "unknown organisation '$1' (known: ${ORGS[*]})"
}
# peer node names look like peer0.cnbank
peer_names() {
  local org p
  for org in "${ORGS[@]}"; do
    for ((p = 0; p < PEERS_PER_ORG; p++)); do echo "peer$p.$(lower "$org")"; done
  done
}
peer_org() {
  local org
  for org in "${ORGS[@]}"; do
    [[ "${1#*.}" == "$(lower "$org")" ]] && { echo "$org"; return; }
  done
  die "unknown peer '$1'"
}
peer_slot() {
  local org p
  org=$(peer_org "$1")
  p=${1%%.*}
  p=${p#peer}
  echo $((${#ORDERERS[@]} + $(org_index "$org") * PEERS_PER_ORG + p))
}
peer_port() { echo $((PORT_BASE + 10 * $(peer_slot "$1"))); }
peer_cc_port() { echo $(($(peer_port "$1") + 1)); }
peer_ops_port() { echo $(($(peer_port "$1") + 2)); }
peer_host() { echo "${1%%.*}.$(org_domain "$(peer_org "$1")")"; }
chaincode_port() { echo $((PORT_BASE + 10 * (${#ORDERERS[@]} + ${#ORGS[@]} * PEERS_PER_ORG) + $(org_index "$1"))); }

all_nodes() {
  printf '%s\n' "${ORDERERS[@]}"
  peer_names
  local org
  for org in "${ORGS[@]}"; do echo "chaincode.$(lower "$org")"; done
  for org in "${ORGS[@]}"; do echo "ca.$(lower "$org")"; done
}

node_kind() {
  case "$1" in
    orderer*) echo orderer ;;
    peer*) echo peer ;;
    chaincode.*) echo chaincode ;;
    ca.*) echo ca ;;
    *) die "unknown node '$1'. Nodes: $(all_nodes | tr '\n' ' ')" ;;
  esac
}
node_org() {
  case "$(node_kind "$1")" in
    orderer) echo Orderer ;;
    peer) peer_org "$1" ;;
    chaincode)
      local org
      for org in "${ORGS[@]}"; do
        [[ "${1#chaincode.}" == "$(lower "$org")" ]] && { echo "$org"; return; }
      done
      die "unknown chaincode server '$1'" ;;
    ca) ca_org "$1" ;;
  esac
}

# The peer CLI as the org admin, against a given peer of that org.
peer_cli_at() {
  local peer=$1 org dir
  shift
  org=$(peer_org "$peer")
  dir=$(org_dir "$org")
  (
    export FABRIC_CFG_PATH="$CONFIG_DIR/peer"
    export CORE_PEER_LOCALMSPID="$(org_msp "$org")"
    export CORE_PEER_MSPCONFIGPATH="$dir/users/Admin@$(org_domain "$org")/msp"
    export CORE_PEER_ADDRESS="127.0.0.1:$(peer_port "$peer")"
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_TLS_ROOTCERT_FILE="$dir/tlsca/tlsca.$(org_domain "$org")-cert.pem"
    export FABRIC_LOGGING_SPEC=WARN
    "$BIN/peer" "$@"
  )
}

# Runs the peer CLI as an organisation's admin against the org's first peer.
peer_cli() {
  local org=$1
  shift
  peer_cli_at "peer0.$(lower "$org")" "$@"
}

orderer_tls_ca() { echo "$CRYPTO/ordererOrganizations/$ORDERER_DOMAIN/tlsca/tlsca.$ORDERER_DOMAIN-cert.pem"; }
