# shellcheck shell=bash
# Connection files for clients, and the status report.

identity_json() { # identity_json ORG USER
  local msp
  msp="$(org_dir "$1")/users/$2@$(org_domain "$1")/msp"
  jq -n --arg cert "$(ls "$msp"/signcerts/*.pem)" --arg key "$(ls "$msp"/keystore/*)" '{certPath: $cert, keyPath: $key}'
}

write_connection_files() {
  mkdir -p "$CONNECTION_DIR"
  local org peers peer dir identities name orderers
  orderers=$(orderers_json)
  for org in "${ORGS[@]}"; do
    dir=$(org_dir "$org")
    peers=$(for peer in $(peer_names); do
      [[ "$(peer_org "$peer")" == "$org" ]] || continue
      jq -n --arg name "$peer" --arg endpoint "127.0.0.1:$(peer_port "$peer")" --arg host "$(peer_host "$peer")" \
        '{name: $name, endpoint: $endpoint, tlsHostName: $host}'
    done | jq -s .)
    identities=$(for name in $(identity_names "$org"); do
      identity_json "$org" "$name" | jq --arg name "$(lower "$name")" '{($name): .}'
    done | jq -s 'add')
    jq -n --arg org "$org" --arg msp "$(org_msp "$org")" --arg channel "$CHANNEL" --arg chaincode "$CC_NAME" \
      --arg ca "$dir/tlsca/tlsca.$(org_domain "$org")-cert.pem" --argjson peers "$peers" --argjson identities "$identities" \
      --argjson orderers "$orderers" --arg ordererCa "$(orderer_tls_ca)" \
      '{organization: $org, mspId: $msp, channel: $channel, chaincode: $chaincode,
        endpoint: $peers[0].endpoint, tlsHostName: $peers[0].tlsHostName, tlsCACertPath: $ca,
        peers: $peers, orderers: $orderers, ordererTlsCACertPath: $ordererCa,
        client: $identities.user1, admin: $identities.admin, identities: $identities}' \
      >"$CONNECTION_DIR/$(lower "$org").json"
  done
}

status_json() {
  local nodes name pid running height="null" chaincode="null" committed peer
  nodes=$(for name in $(all_nodes); do
    if pid=$(node_pid "$name"); then running=true; else running=false pid=null; fi
    jq -n --arg name "$name" --arg kind "$(node_kind "$name")" --arg org "$(node_org "$name")" \
      --argjson running "$running" --argjson pid "$pid" '{name: $name, kind: $kind, org: $org, running: $running, pid: $pid}'
  done | jq -s .)
  if [[ -n "${BIN:-}" ]]; then
    for peer in $(peer_names); do
      node_pid "$peer" >/dev/null || continue
      height=$(channel_height "$peer")
      [[ -n "$height" ]] || height=null
      committed=$(peer_cli_at "$peer" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" -O json 2>/dev/null || true)
      [[ -n "$committed" ]] && chaincode=$(jq -c --arg name "$CC_NAME" '{name: $name, version: .version, sequence: .sequence}' <<<"$committed")
      break
    done
  fi
  jq -n --argjson nodes "$nodes" --arg channel "$CHANNEL" --argjson height "$height" --argjson chaincode "$chaincode" \
    --arg runDir "$RUN_DIR" --arg connections "$CONNECTION_DIR" \
    '{nodes: $nodes, channel: {name: $channel, height: $height}, chaincode: $chaincode, runDir: $runDir, connectionDir: $connections}'
}

status_text() {
  local json
  json=$(status_json)
  jq -r '.nodes[] | "\(.name)\t\(.kind)\t\(.org)\t\(if .running then "running (pid \(.pid))" else "stopped" end)"' <<<"$json" |
    column -t -s $'\t'
  jq -r '"channel \(.channel.name): height \(.channel.height // "unknown")",
         (if .chaincode then "chaincode \(.chaincode.name) \(.chaincode.version) sequence \(.chaincode.sequence)" else "chaincode: not committed" end)' <<<"$json"
}
