# shellcheck shell=bash
# The application channel: genesis block, orderers joined through the channel
# participation API (no system channel), every peer joined.

create_genesis_block() {
  local block="$RUN_DIR/channel/$CHANNEL.block"
  [[ -f "$block" ]] && return
  mkdir -p "$RUN_DIR/channel"
  (
    export CRYPTO BATCH_TIMEOUT BATCH_MAX_MESSAGES
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

# Succeeds when the orderer has the channel: it lists it, or joins it now. The list can
# fail while the orderer starts (its admin endpoint opens after /healthz answers), so a
# join answered 405 "channel already exists" means it had the channel all along.
orderer_on_channel() { # orderer_on_channel ORDERER
  local out
  # osnadmin exits 0 whatever the HTTP status, so read the status line.
  out=$(osnadmin "$1" list --channelID "$CHANNEL" 2>&1) || true
  grep -qx 'Status: 200' <<<"$out" && return
  out=$(osnadmin "$1" join --channelID "$CHANNEL" --config-block "$RUN_DIR/channel/$CHANNEL.block" 2>&1) || true
  if grep -qx 'Status: 201' <<<"$out"; then
    log "$1 joined channel $CHANNEL"
    return
  fi
  grep -qx 'Status: 405' <<<"$out" && grep -qF 'channel already exists' <<<"$out" && return
  echo "$out"
  return 1
}

join_orderers() {
  local orderer
  for orderer in "${ORDERERS[@]}"; do
    retry "$orderer could not join channel $CHANNEL" orderer_on_channel "$orderer"
  done
}

# Active on a consenter means the Raft cluster has formed for the channel. Prints every
# orderer's answer when none is active yet.
channel_active() {
  local orderer out answers=()
  for orderer in "${ORDERERS[@]}"; do
    out=$(osnadmin "$orderer" list --channelID "$CHANNEL" 2>&1) || true
    sed -n '/^{/,/^}/p' <<<"$out" | jq -e '.consensusRelation == "consenter" and .status == "active"' >/dev/null 2>&1 && return 0
    answers+=("$orderer: $out")
  done
  printf '%s\n' "${answers[@]}"
  return 1
}

wait_channel_active() { retry "no orderer reports channel $CHANNEL active" channel_active; }

# Succeeds when the peer has the channel: it lists it, or joins it now. A join answered
# "ledger [CHANNEL] already exists" means the list failed, not that the peer lacked it.
peer_on_channel() { # peer_on_channel PEER
  local out
  out=$(peer_cli_at "$1" channel list 2>&1) && grep -qx "$CHANNEL" <<<"$out" && return
  out=$(peer_cli_at "$1" channel join -b "$RUN_DIR/channel/$CHANNEL.block" 2>&1) && { log "$1 joined channel $CHANNEL"; return; }
  grep -qF "ledger [$CHANNEL] already exists" <<<"$out" && return
  echo "$out"
  return 1
}

join_peers() {
  local peer
  for peer in $(peer_names); do
    retry "$peer could not join channel $CHANNEL" peer_on_channel "$peer"
  done
}

channel_height() { # channel_height PEER
  peer_cli_at "$1" channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/^Blockchain info: //p' | jq -r '.height // empty'
}
