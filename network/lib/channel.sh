# shellcheck shell=bash
# The application channel: genesis block, orderers joined through the channel
# participation API (no system channel), every peer joined.

create_genesis_block() {
  local block="$RUN_DIR/channel/$CHANNEL.block"
  [[ -f "$block" ]] && return
  mkdir -p "$RUN_DIR/channel"
  (
    export CRYPTO
    export ORDERER0_PORT="$(orderer_port orderer0)" ORDERER1_PORT="$(orderer_port orderer1)" ORDERER2_PORT="$(orderer_port orderer2)"
    local org
    for org in "${ORGS[@]}"; do
      export "$(tr '[:lower:]' '[:upper:]' <<<"$org")_ANCHOR_PORT=$(peer_port "peer0.$(lower "$org")")"
    done
    render "$NETWORK_DIR/config/configtx.yaml.tmpl" "$CONFIG_DIR/configtx.yaml"
  )
  FABRIC_CFG_PATH="$CONFIG_DIR" "$BIN/configtxgen" -profile XborderChannel -channelID "$CHANNEL" \
    -outputBlock "$block.partial" 2>"$LOG_DIR/configtxgen.log" || die "configtxgen failed: $(tail -n 5 "$LOG_DIR/configtxgen.log")"
  mv "$block.partial" "$block"
}

osnadmin() {
  local orderer=$1
  shift
  local admin="$CRYPTO/ordererOrganizations/$ORDERER_DOMAIN/users/Admin@$ORDERER_DOMAIN/tls"
  "$BIN/osnadmin" channel "$@" -o "127.0.0.1:$(orderer_admin_port "$orderer")" \
    --ca-file "$(orderer_tls_ca)" --client-cert "$admin/client.crt" --client-key "$admin/client.key"
}

join_orderers() {
  local orderer
  for orderer in "${ORDERERS[@]}"; do
    # osnadmin exits 0 whatever the HTTP status, so read the status line.
    if [[ "$(osnadmin "$orderer" list --channelID "$CHANNEL" 2>/dev/null)" == "Status: 200"* ]]; then
      continue
    fi
    log "Joining $orderer to channel $CHANNEL"
    local out
    out=$(osnadmin "$orderer" join --channelID "$CHANNEL" --config-block "$RUN_DIR/channel/$CHANNEL.block" 2>&1) || true
    grep -q '^Status: 201' <<<"$out" || die "$orderer could not join $CHANNEL: $out"
  done
}

# Active on a consenter means the Raft cluster has formed for the channel.
channel_active() {
  local orderer
  for orderer in "${ORDERERS[@]}"; do
    osnadmin "$orderer" list --channelID "$CHANNEL" 2>/dev/null | sed 1d |
      jq -e '.consensusRelation == "consenter" and .status == "active"' >/dev/null 2>&1 && return 0
  done
  return 1
}

wait_channel_active() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  until channel_active; do
    ((SECONDS < deadline)) || die "no orderer reports channel $CHANNEL active after ${READY_TIMEOUT}s"
    sleep 0.3
  done
}

peer_joined() { # peer_joined PEER
  local channels
  channels=$(peer_cli_at "$1" channel list 2>/dev/null) || return 1
  grep -qx "$CHANNEL" <<<"$channels"
}

join_peers() {
  local peer
  for peer in $(peer_names); do
    peer_joined "$peer" && continue
    log "Joining $peer to channel $CHANNEL"
    peer_cli_at "$peer" channel join -b "$RUN_DIR/channel/$CHANNEL.block" >>"$LOG_DIR/cli.log" 2>&1 ||
      die "$peer could not join $CHANNEL; see $LOG_DIR/cli.log"
  done
}

channel_height() { # channel_height PEER
  peer_cli_at "$1" channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/^Blockchain info: //p' | jq -r '.height // empty'
}
