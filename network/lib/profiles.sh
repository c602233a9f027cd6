# shellcheck shell=bash
# Common connection profiles, as fabric-samples' test-network writes them
# (organizations/peerOrganizations/<org>/connection-<org>.json and .yaml): what
# the Fabric SDKs, fabric-ca clients and tools such as Caliper or the Fabric
# explorer read. One per organisation, in $PROFILE_DIR (not beside our own
# connection files, whose folder clients read as "every *.json is an organisation"),
# with certificates inline (pem), so a profile can be copied elsewhere on its own.
PROFILE_DIR="$RUN_DIR/profiles"

# Orderer endpoints and the orderer organisation's TLS CA, for our own connection files.
orderers_json() {
  local o
  for o in "${ORDERERS[@]}"; do
    jq -n --arg name "$o" --arg endpoint "127.0.0.1:$(orderer_port "$o")" --arg host "$o.$ORDERER_DOMAIN" \
      '{name: $name, endpoint: $endpoint, tlsHostName: $host}'
  done | jq -s .
}

common_profile_json() { # common_profile_json ORG
  local org=$1 peers peer lc
  lc=$(lower "$org")
  peers=$(for peer in $(peer_names); do
    [[ "$(peer_org "$peer")" == "$org" ]] || continue
    jq -n --arg host "$(peer_host "$peer")" --arg url "grpcs://127.0.0.1:$(peer_port "$peer")" \
      --rawfile pem "$(org_dir "$org")/tlsca/tlsca.$(org_domain "$org")-cert.pem" \
      '{($host): {url: $url, tlsCACerts: {pem: $pem},
        grpcOptions: {"ssl-target-name-override": $host, hostnameOverride: $host}}}'
  done | jq -s 'add')
  local orderers
  orderers=$(for o in "${ORDERERS[@]}"; do
    jq -n --arg host "$o.$ORDERER_DOMAIN" --arg url "grpcs://127.0.0.1:$(orderer_port "$o")" --rawfile pem "$(orderer_tls_ca)" \
      '{($host): {url: $url, tlsCACerts: {pem: $pem}, grpcOptions: {"ssl-target-name-override": $host, hostnameOverride: $host}}}'
  done | jq -s 'add')
  jq -n --arg name "xborder-$lc" --arg org "$org" --arg msp "$(org_msp "$org")" --arg channel "$CHANNEL" \
    --arg ca "$(ca_caname "$org")" --arg caUrl "$(ca_url "$org")" --rawfile caPem "$(ca_cert "$org")" \
    --argjson peers "$peers" --argjson orderers "$orderers" '
    {
      name: $name,
      version: "1.0.0",
      client: {organization: $org, connection: {timeout: {peer: {endorser: "300"}}}},
      organizations: {($org): {mspid: $msp, peers: ($peers | keys_unsorted), certificateAuthorities: [$ca]}},
      peers: $peers,
      orderers: $orderers,
      channels: {($channel): {orderers: ($orderers | keys_unsorted), peers: ($peers | map_values({}))}},
      certificateAuthorities: {($ca): {url: $caUrl, caName: $ca, tlsCACerts: {pem: [$caPem]}, httpOptions: {verify: false}}}
    }'
}

# JSON to YAML for these profiles: mappings, sequences, scalars; multi-line strings
# (PEM) as literal blocks, the way test-network's ccp-template.yaml has them.
JSON_TO_YAML='
def key: if test("^[A-Za-z0-9][A-Za-z0-9._-]*$") then . else tojson end;
def block($i): rtrimstr("\n") | split("\n") | map($i + .) | join("\n");
def y($i):
  if type == "object" then
    to_entries | map(
      .key as $k | .value as $v |
      if ($v | type) == "object" and ($v | length) > 0 then "\($i)\($k | key):\n" + ($v | y($i + "  "))
      elif ($v | type) == "array" and ($v | length) > 0 then "\($i)\($k | key):\n" + ($v | y($i + "  "))
      elif ($v | type) == "string" and ($v | contains("\n")) then "\($i)\($k | key): |\n" + ($v | block($i + "  ")) + "\n"
      else "\($i)\($k | key): \($v | tojson)\n" end) | join("")
  elif type == "array" then
    map(
      if type == "string" and contains("\n") then "\($i)- |\n" + block($i + "    ") + "\n"
      elif (type == "object" or type == "array") and length > 0 then "\($i)-\n" + y($i + "  ")
      else "\($i)- \(tojson)\n" end) | join("")
  else tojson + "\n" end;
"---\n" + y("")'

write_common_profiles() {
  mkdir -p "$PROFILE_DIR"
  local org lc json
  for org in "${ORGS[@]}"; do
    lc=$(lower "$org")
    json=$(common_profile_json "$org")
    printf '%s\n' "$json" >"$PROFILE_DIR/connection-$lc.json"
    jq -r "$JSON_TO_YAML" <<<"$json" >"$PROFILE_DIR/connection-$lc.yaml"
  done
}
