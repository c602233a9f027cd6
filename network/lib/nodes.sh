# shellcheck shell=bash
# Crypto material, node configuration, and starting, stopping and probing the
# processes. Each node is one process whose pid is recorded in $PID_DIR/NAME.pid.

render() { # render TEMPLATE OUT: fill ${NAME} from the environment
  perl -pe 's/\$\{(\w+)\}/exists $ENV{$1} ? $ENV{$1} : die "unset template variable $1\n"/ge' "$1" >"$2"
}

generate_crypto() {
  [[ -d "$CRYPTO/peerOrganizations" ]] && return
  log "Generating crypto material for ${ORGS[*]} and the orderer org"
  mkdir -p "$CONFIG_DIR"
  PEERS_PER_ORG=$PEERS_PER_ORG render "$NETWORK_DIR/config/crypto-config.yaml.tmpl" "$CONFIG_DIR/crypto-config.yaml"
  "$BIN/cryptogen" generate --config="$CONFIG_DIR/crypto-config.yaml" --output="$CRYPTO.partial" >/dev/null
  mv "$CRYPTO.partial" "$CRYPTO"
}

# Peer and orderer configuration: the release's sample files, with every node's
# specifics given as environment overrides when it starts. Only the external
# builder list is rewritten, because lists cannot be overridden from the environment.
generate_node_config() {
  mkdir -p "$CONFIG_DIR/peer" "$CONFIG_DIR/orderer"
  perl -0pe "s{externalBuilders:.*?\n\n}{externalBuilders:\n    - name: ccaas\n      path: $NETWORK_DIR/builders/ccaas\n      propagateEnvironment:\n        - CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG\n\n}s" \
    "$SAMPLE_CONFIG/core.yaml" >"$CONFIG_DIR/peer/core.yaml"
  grep -q "path: $NETWORK_DIR/builders/ccaas" "$CONFIG_DIR/peer/core.yaml" ||
    die "could not set the external builder in core.yaml (unexpected sample config layout)"
  cp "$SAMPLE_CONFIG/orderer.yaml" "$CONFIG_DIR/orderer/orderer.yaml"
}

pid_file() { echo "$PID_DIR/$1.pid"; }

# Prints the recorded pid if that process is alive and is still ours.
node_pid() {
  local f pid
  f=$(pid_file "$1")
  [[ -f "$f" ]] || return 1
  pid=$(<"$f")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse after a reboot: the process must carry our marker.
  has_marker "$pid" "$1" || return 1
  echo "$pid"
}

# has_marker PID [NAME]: the process was started by this network (as node NAME).
# The environment is read into a variable first: `tr | grep -q` under pipefail
# fails at random when grep exits early and tr dies of SIGPIPE.
has_marker() {
  local environ
  environ=$(tr '\0' '\n' 2>/dev/null <"/proc/$1/environ") || return 1
  if [[ -n "${2:-}" ]]; then
    grep -qx "XBORDER_NODE=$2@$RUN_DIR" <<<"$environ"
  else
    grep -q "^XBORDER_NODE=.*@$RUN_DIR\$" <<<"$environ"
  fi
}

launch() { # launch NAME COMMAND... (environment already exported by the caller's subshell)
  local name=$1
  shift
  mkdir -p "$LOG_DIR" "$PID_DIR"
  # 9>&- : the node must not inherit the network lock, or it would hold it for its lifetime.
  XBORDER_NODE="$name@$RUN_DIR" setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$(pid_file "$name")"
}

start_orderer() {
  local name=$1 dir="$CRYPTO/ordererOrganizations/$ORDERER_DOMAIN/orderers/$1.$ORDERER_DOMAIN"
  (
    export FABRIC_CFG_PATH="$CONFIG_DIR/orderer"
    export FABRIC_LOGGING_SPEC=$LOG_SPEC
    export GOMAXPROCS=$GO_MAXPROCS
    export ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
    export ORDERER_GENERAL_LISTENPORT="$(orderer_port "$name")"
    export ORDERER_GENERAL_LOCALMSPID=OrdererMSP
    export ORDERER_GENERAL_LOCALMSPDIR="$dir/msp"
    export ORDERER_GENERAL_TLS_ENABLED=true
    export ORDERER_GENERAL_TLS_PRIVATEKEY="$dir/tls/server.key"
    export ORDERER_GENERAL_TLS_CERTIFICATE="$dir/tls/server.crt"
    export ORDERER_GENERAL_TLS_ROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_GENERAL_BOOTSTRAPMETHOD=none
    export ORDERER_CHANNELPARTICIPATION_ENABLED=true
    export ORDERER_FILELEDGER_LOCATION="$DATA_DIR/$name/ledger"
    export ORDERER_CONSENSUS_WALDIR="$DATA_DIR/$name/etcdraft/wal"
    export ORDERER_CONSENSUS_SNAPDIR="$DATA_DIR/$name/etcdraft/snap"
    export ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$(orderer_ops_port "$name")"
    export ORDERER_OPERATIONS_TLS_ENABLED=true
    export ORDERER_OPERATIONS_TLS_CERTIFICATE="$dir/tls/server.crt"
    export ORDERER_OPERATIONS_TLS_PRIVATEKEY="$dir/tls/server.key"
    export ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$(orderer_admin_port "$name")"
    export ORDERER_ADMIN_TLS_ENABLED=true
    export ORDERER_ADMIN_TLS_CERTIFICATE="$dir/tls/server.crt"
    export ORDERER_ADMIN_TLS_PRIVATEKEY="$dir/tls/server.key"
    export ORDERER_ADMIN_TLS_ROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
    export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$dir/tls/ca.crt]"
    launch "$name" "$BIN/orderer"
  )
}

start_peer() {
  local name=$1 org dir host
  org=$(peer_org "$name")
  host=$(peer_host "$name")
  dir="$(org_dir "$org")/peers/$host"
  (
    export FABRIC_CFG_PATH="$CONFIG_DIR/peer"
    export FABRIC_LOGGING_SPEC=$LOG_SPEC
    export GOMAXPROCS=$GO_MAXPROCS
    export CORE_PEER_ID="$host"
    export CORE_PEER_ADDRESS="127.0.0.1:$(peer_port "$name")"
    export CORE_PEER_LISTENADDRESS="127.0.0.1:$(peer_port "$name")"
    export CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$(peer_cc_port "$name")"
    export CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$(peer_cc_port "$name")"
    export CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$(peer_port "peer0.$(lower "$org")")"
    export CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$(peer_port "$name")"
    # Peers restart one after another. Gossip retries an anchor peer it could not reach only
    # after this interval (25 s by default), and until then service discovery lacks that
    # organisation, so gateways cannot find endorsers: retry sooner.
    export CORE_PEER_GOSSIP_RECONNECTINTERVAL=2s
    export CORE_PEER_LOCALMSPID="$(org_msp "$org")"
    export CORE_PEER_MSPCONFIGPATH="$dir/msp"
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_TLS_CERT_FILE="$dir/tls/server.crt"
    export CORE_PEER_TLS_KEY_FILE="$dir/tls/server.key"
    export CORE_PEER_TLS_ROOTCERT_FILE="$dir/tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$DATA_DIR/$name"
    export CORE_LEDGER_SNAPSHOTS_ROOTDIR="$DATA_DIR/$name/snapshots"
    export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$(peer_ops_port "$name")"
    export CORE_OPERATIONS_TLS_ENABLED=true
    export CORE_OPERATIONS_TLS_CERT_FILE="$dir/tls/server.crt"
    export CORE_OPERATIONS_TLS_KEY_FILE="$dir/tls/server.key"
    # fabric-shim 2.5.8 exits when it receives a KEEPALIVE message: keep them off.
    export CORE_CHAINCODE_KEEPALIVE=0
    # No Docker: an empty VM endpoint turns the Docker chaincode runtime and its health check off.
    export CORE_VM_ENDPOINT=
    CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG=$(jq -cn \
      --arg address "127.0.0.1:$(chaincode_port "$org")" \
      --rawfile root_cert "$(org_dir "$org")/tlsca/tlsca.$(org_domain "$org")-cert.pem" \
      '{address: $address, root_cert: $root_cert}')
    export CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG
    launch "$name" "$BIN/peer" node start
  )
}

start_chaincode_server() {
  local name=$1 org package_id dir
  org=$(node_org "$name")
  package_id=$(cat "$RUN_DIR/chaincode/package-id" 2>/dev/null) || die "no chaincode deployed yet: run 'network.sh deploy'"
  dir="$(org_dir "$org")/peers/chaincode.$(org_domain "$org")/tls"
  (
    cd "$REPO_DIR/chaincode" || exit 1
    export CORE_CHAINCODE_LOGGING_LEVEL=${XBORDER_CHAINCODE_LOG_LEVEL:-info}
    # stub.getMspID() reports the organisation whose peer the server serves.
    export CORE_PEER_LOCALMSPID="$(org_msp "$org")"
    launch "$name" node "$REPO_DIR/node_modules/fabric-shim/cli.js" server \
      --chaincode-address "127.0.0.1:$(chaincode_port "$org")" \
      --chaincode-id "$package_id" \
      --chaincode-tls-cert-file "$dir/server.crt" \
      --chaincode-tls-key-file "$dir/server.key" \
      --module-path "$REPO_DIR/chaincode"
  )
}

start_node() {
  local name=$1
  if node_pid "$name" >/dev/null; then
    return
  fi
  case "$(node_kind "$name")" in
    orderer) start_orderer "$name" ;;
    peer) start_peer "$name" ;;
    chaincode) start_chaincode_server "$name" ;;
    ca) start_ca "$name" ;;
  esac
}

# Stops nodes together: TERM to all, then up to 10 s for each to exit before KILL.
stop_nodes() {
  local name pid pids=() i
  for name in "$@"; do
    if pid=$(node_pid "$name"); then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$(pid_file "$name")"
  done
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "process $pid did not stop within 10s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

stop_node() { stop_nodes "$1"; }

# Processes that carry this network's marker but whose pid file was lost (for
# example a run interrupted between starting a node and recording it).
orphan_pids() {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    has_marker "$pid" && echo "$pid"
  done
  return 0
}

# Readiness: the node's own health endpoint (orderers, peers) or a TLS handshake
# on its port (chaincode servers, which have no health endpoint).
node_ready() {
  local name=$1
  case "$(node_kind "$name")" in
    orderer)
      curl -sf --cacert "$CRYPTO/ordererOrganizations/$ORDERER_DOMAIN/orderers/$name.$ORDERER_DOMAIN/tls/ca.crt" \
        "https://127.0.0.1:$(orderer_ops_port "$name")/healthz" >/dev/null ;;
    peer)
      local org
      org=$(peer_org "$name")
      curl -sf --cacert "$(org_dir "$org")/peers/$(peer_host "$name")/tls/ca.crt" \
        "https://127.0.0.1:$(peer_ops_port "$name")/healthz" >/dev/null ;;
    chaincode)
      local org
      org=$(node_org "$name")
      openssl s_client -connect "127.0.0.1:$(chaincode_port "$org")" -alpn h2 \
        -CAfile "$(org_dir "$org")/tlsca/tlsca.$(org_domain "$org")-cert.pem" -verify_return_error </dev/null >/dev/null 2>&1 ;;
    ca) ca_ready "$(ca_org "$name")" ;;
  esac
}

wait_ready() {
  local name deadline=$((SECONDS + READY_TIMEOUT))
  for name in "$@"; do
    until node_ready "$name"; do
      node_pid "$name" >/dev/null || die "$name exited during start-up; see $LOG_DIR/$name.log:
$(tail -n 15 "$LOG_DIR/$name.log" 2>/dev/null)"
      ((SECONDS < deadline)) || die "$name not ready after ${READY_TIMEOUT}s; see $LOG_DIR/$name.log"
      sleep 0.2
    done
  done
}
