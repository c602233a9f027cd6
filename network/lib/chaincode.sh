# shellcheck shell=bash
# Chaincode as a service: package, install, run one server per organisation,
# approve and commit. `deploy` is idempotent and upgrades changed chaincode.

CC_DIR="$RUN_DIR/chaincode"

build_chaincode() {
  log "Building the chaincode"
  (cd "$REPO_DIR" && npm run --silent build -w @xborder/chaincode) >"$LOG_DIR/chaincode-build.log" 2>&1 ||
    die "chaincode build failed:
$(tail -n 20 "$LOG_DIR/chaincode-build.log")"
}

# A fingerprint of what the chaincode servers run. The ccaas package itself holds
# only connection details, so the fingerprint goes into its label: changed code
# gives a new package id, and so a new definition sequence.
chaincode_fingerprint() {
  (cd "$REPO_DIR/chaincode" && find dist package.json -type f \( -name '*.js' -o -name 'package.json' \) -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
}
chaincode_version() { echo "$(jq -r .version "$REPO_DIR/chaincode/package.json")-$(chaincode_fingerprint)"; }

# Byte-for-byte reproducible tar.gz of the files under a directory (no directory
# entries, which the peer rejects), so equal inputs give an equal package id.
reproducible_tgz() { # reproducible_tgz OUT DIR
  (cd "$2" && find . -type f | sed 's|^\./||' | LC_ALL=C sort |
    tar --no-recursion -T - --mtime=@0 --owner=0 --group=0 --numeric-owner --mode='u=rwX,go=rX' -cf -) |
    gzip -n >"$1"
}

package_chaincode() { # sets PACKAGE_FILE and PACKAGE_ID
  local version label work
  version=$(chaincode_version)
  label="${CC_NAME}_${version}"
  work="$CC_DIR/$label"
  PACKAGE_FILE="$CC_DIR/$label.tar.gz"
  if [[ ! -f "$PACKAGE_FILE" ]]; then
    rm -rf "$work" && mkdir -p "$work/src" "$work/pkg"
    jq -n '{address: "{{.address}}", dial_timeout: "10s", tls_required: true, client_auth_required: false, root_cert: "{{.root_cert}}"}' \
      >"$work/src/connection.json"
    reproducible_tgz "$work/pkg/code.tar.gz" "$work/src"
    jq -n --arg name "$label" '{type: "ccaas", label: $name}' >"$work/pkg/metadata.json"
    reproducible_tgz "$PACKAGE_FILE.partial" "$work/pkg"
    mv "$PACKAGE_FILE.partial" "$PACKAGE_FILE"
    rm -rf "$work"
  fi
  PACKAGE_ID="$label:$(sha256sum "$PACKAGE_FILE" | cut -c1-64)"
  CC_VERSION=$version
}

install_chaincode() {
  local peer
  for peer in $(peer_names); do
    if peer_cli_at "$peer" lifecycle chaincode queryinstalled -O json 2>/dev/null |
      jq -e --arg id "$PACKAGE_ID" '.installed_chaincodes[]? | select(.package_id == $id)' >/dev/null; then
      continue
    fi
    log "Installing $PACKAGE_ID on $peer"
    peer_cli_at "$peer" lifecycle chaincode install "$PACKAGE_FILE" >>"$LOG_DIR/cli.log" 2>&1 ||
      die "install on $peer failed; see $LOG_DIR/cli.log"
  done
}

# (Re)starts each organisation's chaincode server on the current package id.
run_chaincode_servers() {
  echo "$PACKAGE_ID" >"$CC_DIR/package-id"
  local org name pid
  for org in "${ORGS[@]}"; do
    name="chaincode.$(lower "$org")"
    if pid=$(node_pid "$name"); then
      [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline")" == *"--chaincode-id $PACKAGE_ID "* ]] && continue
      log "Restarting $name on the new package"
      stop_node "$name"
    fi
    start_node "$name"
  done
  for org in "${ORGS[@]}"; do wait_ready "chaincode.$(lower "$org")"; done
}

running_orderer() {
  local o
  for o in "${ORDERERS[@]}"; do
    node_pid "$o" >/dev/null && { echo "$o"; return; }
  done
  die "no orderer is running"
}
orderer_args() {
  echo -o "127.0.0.1:$(orderer_port "$(running_orderer)")" --tls --cafile "$(orderer_tls_ca)"
}

committed_definition() { # prints {version, sequence} or nothing
  peer_cli "${ORGS[0]}" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" -O json 2>/dev/null || true
}

approve_and_commit() {
  local committed sequence org
  committed=$(committed_definition)
  if [[ -n "$committed" && "$(jq -r .version <<<"$committed")" == "$CC_VERSION" ]]; then
    return
  fi
  sequence=$(( $(jq -r '.sequence // 0' <<<"${committed:-{\}}") + 1 ))
  local definition=(-C "$CHANNEL" -n "$CC_NAME" -v "$CC_VERSION" --sequence "$sequence"
    --signature-policy "$CC_POLICY" --collections-config "$NETWORK_DIR/config/collections.json")
  # shellcheck disable=SC2046
  for org in "${ORGS[@]}"; do
    if peer_cli "$org" lifecycle chaincode checkcommitreadiness "${definition[@]}" -O json 2>/dev/null |
      jq -e --arg msp "$(org_msp "$org")" '.approvals[$msp] == true' >/dev/null; then
      continue
    fi
    log "Approving $CC_NAME $CC_VERSION (sequence $sequence) for $org"
    peer_cli "$org" lifecycle chaincode approveformyorg "${definition[@]}" --package-id "$PACKAGE_ID" \
      $(orderer_args) --waitForEvent >>"$LOG_DIR/cli.log" 2>&1 || die "approval by $org failed; see $LOG_DIR/cli.log"
  done
  local targets=() dir
  for org in "${ORGS[@]}"; do
    dir=$(org_dir "$org")
    targets+=(--peerAddresses "127.0.0.1:$(peer_port "peer0.$(lower "$org")")"
      --tlsRootCertFiles "$dir/tlsca/tlsca.$(org_domain "$org")-cert.pem")
  done
  log "Committing $CC_NAME $CC_VERSION (sequence $sequence)"
  # shellcheck disable=SC2046
  peer_cli "${ORGS[0]}" lifecycle chaincode commit "${definition[@]}" "${targets[@]}" $(orderer_args) --waitForEvent \
    >>"$LOG_DIR/cli.log" 2>&1 || die "commit failed; see $LOG_DIR/cli.log"
}

# Readiness: every organisation's peer answers a query through its chaincode server.
wait_chaincode_answers() {
  local org deadline=$((SECONDS + READY_TIMEOUT))
  for org in "${ORGS[@]}"; do
    until peer_cli "$org" chaincode query -C "$CHANNEL" -n "$CC_NAME" -c '{"Args":["Health:ping"]}' >/dev/null 2>&1; do
      ((SECONDS < deadline)) || die "chaincode does not answer on $(org_msp "$org")'s peer after ${READY_TIMEOUT}s"
      sleep 0.3
    done
  done
}

# Readiness for clients: each organisation's gateway finds enough endorsers
# through service discovery (see gateway-ready.cjs).
wait_gateways_endorse() {
  local out
  out=$(cd "$REPO_DIR" && node "$NETWORK_DIR/lib/gateway-ready.cjs" "$CONNECTION_DIR" "$READY_TIMEOUT" 2>&1) ||
    die "the network is not ready for clients: $out"
}

deploy_chaincode() {
  build_chaincode
  mkdir -p "$CC_DIR"
  package_chaincode
  install_chaincode
  run_chaincode_servers
  approve_and_commit
  wait_chaincode_answers
  wait_gateways_endorse
  log "Chaincode $CC_NAME $CC_VERSION ready on channel $CHANNEL"
}

# Both package formats, for deploying to a channel this script does not run:
#   node  - for peers that build chaincode themselves (the peer's node builder runs
#           `npm install --production` and `npm start`), e.g. fabric-samples' test-network
#   ccaas - for chaincode run as a service, with an {{.address}}/{{.root_cert}} template
#           filled per peer (see builders/ccaas) or edited before install
# Prints {node: {file, packageId}, ccaas: {file, packageId}}.
package_for_channel() { # package_for_channel OUT_DIR
  local out=$1 version label stage
  mkdir -p "$out" "$LOG_DIR"
  out=$(cd "$out" && pwd)
  build_chaincode
  version=$(chaincode_version)
  label="${CC_NAME}_${version}"
  stage=$(mktemp -d)
  (cd "$REPO_DIR" && npm pack -w @xborder/chaincode --pack-destination "$stage" --silent) >"$LOG_DIR/chaincode-pack.log" 2>&1 ||
    die "npm pack failed; see $LOG_DIR/chaincode-pack.log"
  mkdir -p "$stage/src"
  tar -xzf "$stage"/*.tgz -C "$stage/src" --strip-components=1
  # The peer CLI's `lifecycle chaincode package` stamps file times, so the package id
  # would change with every build; this is the same layout, written reproducibly.
  mkdir -p "$stage/code" "$stage/pkg"
  mv "$stage/src" "$stage/code/src"
  reproducible_tgz "$stage/pkg/code.tar.gz" "$stage/code"
  jq -n --arg name "$label" '{path: "", type: "node", label: $name}' >"$stage/pkg/metadata.json"
  reproducible_tgz "$out/$label.node.tar.gz" "$stage/pkg"
  rm -rf "$stage"
  mkdir -p "$CC_DIR"
  package_chaincode
  cp "$PACKAGE_FILE" "$out/$label.ccaas.tar.gz"
  local node_id ccaas_id
  node_id=$(FABRIC_CFG_PATH="$CONFIG_DIR/peer" "$BIN/peer" lifecycle chaincode calculatepackageid "$out/$label.node.tar.gz")
  ccaas_id=$(FABRIC_CFG_PATH="$CONFIG_DIR/peer" "$BIN/peer" lifecycle chaincode calculatepackageid "$out/$label.ccaas.tar.gz")
  jq -n --arg nf "$out/$label.node.tar.gz" --arg ni "$node_id" --arg cf "$out/$label.ccaas.tar.gz" --arg ci "$ccaas_id" \
    '{node: {file: $nf, packageId: $ni}, ccaas: {file: $cf, packageId: $ci}}'
}
