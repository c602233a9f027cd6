# shellcheck shell=bash
# Chaincode as a service: package, install, run one server per organisation,
# approve and commit. `deploy` is idempotent and upgrades changed chaincode.

CC_DIR="$RUN_DIR/chaincode"

build_chaincode() {
  log "Building the chaincode"
  (cd "$REPO_DIR" && npm run --silent build -w @xborder/model -w @xborder/chaincode) >"$LOG_DIR/chaincode-build.log" 2>&1 ||
    die "chaincode build failed:
$(tail -n 20 "$LOG_DIR/chaincode-build.log")"
}

# A fingerprint of what the chaincode servers run: the chaincode and the model it
# imports. The ccaas package itself holds only connection details, so the fingerprint
# goes into its label: changed code gives a new package id, and so a new definition sequence.
chaincode_fingerprint() {
  (cd "$REPO_DIR" && find chaincode/dist chaincode/package.json model/dist model/package.json -type f \( -name '*.js' -o -name '*.json' \) -print0 |
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

# Succeeds when the package is on the peer: listed, or installed now. An install answered
# "already successfully installed" means the listing failed, not that the package is missing.
installed_on() { # installed_on PEER
  local out
  out=$(output_or_error peer_cli_at "$1" lifecycle chaincode queryinstalled -O json) &&
    jq -e --arg id "$PACKAGE_ID" '.installed_chaincodes[]? | select(.package_id == $id)' <<<"$out" >/dev/null && return
  log "Installing $PACKAGE_ID on $1"
  out=$(peer_cli_at "$1" lifecycle chaincode install "$PACKAGE_FILE" 2>&1) && return
  grep -qF 'chaincode already successfully installed' <<<"$out" && return
  echo "$out"
  return 1
}

install_chaincode() {
  local peer
  for peer in $(peer_names); do
    retry "$PACKAGE_ID could not be installed on $peer" installed_on "$peer"
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

# Prints the committed definition ({version, sequence, ...}), or nothing when there is
# none ("namespace ... is not defined"). Any other failure is no answer: it fails.
committed_definition() {
  local out
  out=$(output_or_error peer_cli "${ORGS[0]}" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" -O json) && {
    echo "$out"
    return
  }
  grep -qF "namespace $CC_NAME is not defined" <<<"$out" && return
  echo "$out"
  return 1
}

# Succeeds when ORG has approved CC_DEFINITION: checkcommitreadiness says so, or ORG approves
# it now. Approving again what ORG approved before is refused as a redefinition ("with
# unchanged content", or of the committed sequence without "different parameters"), which
# means it is approved: the readiness check before it had failed, not said no.
approved_by() { # approved_by ORG
  local org=$1 out
  out=$(output_or_error peer_cli "$org" lifecycle chaincode checkcommitreadiness "${CC_DEFINITION[@]}" -O json) &&
    jq -e --arg msp "$(org_msp "$org")" '.approvals[$msp] == true' <<<"$out" >/dev/null && return
  log "Approving $CC_NAME $CC_VERSION (sequence $CC_SEQUENCE) for $org"
  # shellcheck disable=SC2046
  out=$(peer_cli "$org" lifecycle chaincode approveformyorg "${CC_DEFINITION[@]}" --package-id "$PACKAGE_ID" \
    $(orderer_args) --waitForEvent 2>&1) && return
  grep -Eq "attempted to redefine (uncommitted sequence \([0-9]+\) for namespace $CC_NAME with unchanged content|the current committed sequence \([0-9]+\) for namespace $CC_NAME\$)" <<<"$out" &&
    return
  echo "$out"
  return 1
}

# Succeeds when CC_DEFINITION is committed: now, or before. A commit that reported failure
# (e.g. its event did not come in time) may still have been ordered; committing it again is
# then refused ("new definition must be sequence N+1"), so the committed definition decides.
committed_now() {
  local out targets=() org dir
  for org in "${ORGS[@]}"; do
    dir=$(org_dir "$org")
    targets+=(--peerAddresses "127.0.0.1:$(peer_port "peer0.$(lower "$org")")"
      --tlsRootCertFiles "$dir/tlsca/tlsca.$(org_domain "$org")-cert.pem")
  done
  # shellcheck disable=SC2046
  out=$(peer_cli "${ORGS[0]}" lifecycle chaincode commit "${CC_DEFINITION[@]}" "${targets[@]}" $(orderer_args) \
    --waitForEvent 2>&1) && return
  committed_definition | jq -e --arg v "$CC_VERSION" --argjson s "$CC_SEQUENCE" '.version == $v and .sequence == $s' \
    >/dev/null 2>&1 && return
  echo "$out"
  return 1
}

approve_and_commit() {
  local committed org
  committed=$(retry "the committed definition of $CC_NAME cannot be read from peer0.$(lower "${ORGS[0]}")" committed_definition)
  if [[ -n "$committed" && "$(jq -r .version <<<"$committed")" == "$CC_VERSION" ]]; then
    return
  fi
  CC_SEQUENCE=$(($(jq -r '.sequence // 0' <<<"${committed:-{\}}") + 1))
  CC_DEFINITION=(-C "$CHANNEL" -n "$CC_NAME" -v "$CC_VERSION" --sequence "$CC_SEQUENCE"
    --signature-policy "$CC_POLICY" --collections-config "$NETWORK_DIR/config/collections.json")
  for org in "${ORGS[@]}"; do
    retry "$org could not approve $CC_NAME $CC_VERSION (sequence $CC_SEQUENCE) on peer0.$(lower "$org")" approved_by "$org"
  done
  log "Committing $CC_NAME $CC_VERSION (sequence $CC_SEQUENCE)"
  retry "$CC_NAME $CC_VERSION (sequence $CC_SEQUENCE) could not be committed through peer0.$(lower "${ORGS[0]}")" committed_now
}

# Readiness: every organisation's peer answers a query through its chaincode server.
chaincode_answers() { # chaincode_answers ORG: prints only the error, if any
  { peer_cli "$1" chaincode query -C "$CHANNEL" -n "$CC_NAME" -c '{"Args":["Health:ping"]}' >/dev/null; } 2>&1
}

wait_chaincode_answers() {
  local org
  for org in "${ORGS[@]}"; do
    retry "the chaincode does not answer on peer0.$(lower "$org") ($(org_msp "$org"))" chaincode_answers "$org"
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
  (cd "$REPO_DIR" && npm pack -w @xborder/chaincode -w @xborder/model --pack-destination "$stage" --silent) >"$LOG_DIR/chaincode-pack.log" 2>&1 ||
    die "npm pack failed; see $LOG_DIR/chaincode-pack.log"
  mkdir -p "$stage/src/node_modules/@xborder/model"
  tar -xzf "$stage"/xborder-chaincode-*.tgz -C "$stage/src" --strip-components=1
  # The peer's node builder runs `npm install --production`, and @xborder/model is on no
  # registry: it travels inside the package as a bundled dependency.
  tar -xzf "$stage"/xborder-model-*.tgz -C "$stage/src/node_modules/@xborder/model" --strip-components=1
  jq '.bundleDependencies = ["@xborder/model"]' "$stage/src/package.json" >"$stage/package.json" && mv "$stage/package.json" "$stage/src/package.json"
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
