# shellcheck shell=bash
# One Fabric CA per organisation (node ca.<org>). Each signs with the organisation's
# root CA key that cryptogen made, so what it enrolls chains to the root the channel
# configuration already trusts, and serves TLS with a certificate it issues itself
# from that root. Application identities are registered with their attributes and
# enrolled through it (identities.sh); peer, orderer and Admin identities stay
# cryptogen's. Everything the CA keeps (its SQLite database of registered and
# enrolled identities, its TLS key, its idemix keys) is under $RUN_DIR/ca/<org>.

CA_DIR="$RUN_DIR/ca"

ca_node() { echo "ca.$(lower "$1")"; }            # node name, as network.sh start/stop/logs take it
ca_caname() { echo "ca-$(lower "$1")"; }          # the CA's name, for --caname and profiles
# The slot after the chaincode servers': the CA of org i listens on +i, its operations on +5+i.
ca_port() { echo $((PORT_BASE + 10 * (${#ORDERERS[@]} + ${#ORGS[@]} * PEERS_PER_ORG + 1) + $(org_index "$1"))); }
ca_ops_port() { echo $(($(ca_port "$1") + 5)); }
ca_url() { echo "https://127.0.0.1:$(ca_port "$1")"; }
ca_home() { echo "$CA_DIR/$(lower "$1")/server"; }
# The CA's signing certificate (cryptogen's root) also verifies its TLS certificate.
ca_cert() { echo "$(org_dir "$1")/ca/ca.$(org_domain "$1")-cert.pem"; }
ca_bootstrap_file() { echo "$CA_DIR/$(lower "$1")/bootstrap-admin"; }
ca_registrar_home() { echo "$CA_DIR/$(lower "$1")/registrar"; }
ca_client_home() { echo "$CA_DIR/$(lower "$1")/client"; }
ca_secret_file() { echo "$CA_DIR/$(lower "$1")/secrets/$2"; }
# Identities registered with `network.sh register`, one name a line, for the connection files.
ca_registered_file() { echo "$CA_DIR/$(lower "$1")/registered"; }

ca_nodes() {
  local org
  for org in "${ORGS[@]}"; do ca_node "$org"; done
}

ca_org() { # ca_org NODE
  local org
  for org in "${ORGS[@]}"; do
    [[ "${1#ca.}" == "$(lower "$org")" ]] && { echo "$org"; return; }
  done
  die "unknown CA '$1'"
}

ca_server_env() { # exports the server's settings; every one is a FABRIC_CA_SERVER_* override
  local org=$1
  export FABRIC_CA_SERVER_HOME
  FABRIC_CA_SERVER_HOME=$(ca_home "$org")
  export FABRIC_CA_SERVER_ADDRESS=127.0.0.1
  export FABRIC_CA_SERVER_PORT
  FABRIC_CA_SERVER_PORT=$(ca_port "$org")
  export FABRIC_CA_SERVER_CA_NAME
  FABRIC_CA_SERVER_CA_NAME=$(ca_caname "$org")
  export FABRIC_CA_SERVER_CA_CERTFILE
  FABRIC_CA_SERVER_CA_CERTFILE=$(ca_cert "$org")
  export FABRIC_CA_SERVER_CA_KEYFILE
  FABRIC_CA_SERVER_CA_KEYFILE="$(org_dir "$org")/ca/priv_sk"
  export FABRIC_CA_SERVER_TLS_ENABLED=true
  # Hosts of the TLS certificate the server issues itself on first start.
  export FABRIC_CA_SERVER_CSR_HOSTS=127.0.0.1,localhost
  export FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS
  FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS="127.0.0.1:$(ca_ops_port "$org")"
  export FABRIC_CA_SERVER_METRICS_PROVIDER=disabled
}

# First start only: the server's configuration file and database, with the bootstrap
# registrar (a random password kept in the run directory) in its registry.
ca_init() { # ca_init ORG
  local org=$1 home password
  home=$(ca_home "$org")
  [[ -f "$home/fabric-ca-server-config.yaml" ]] && return
  mkdir -p "$home"
  if [[ ! -f "$(ca_bootstrap_file "$org")" ]]; then
    (umask 077 && openssl rand -hex 16 >"$(ca_bootstrap_file "$org")")
  fi
  password=$(<"$(ca_bootstrap_file "$org")")
  (
    ca_server_env "$org"
    "$CA_BIN/fabric-ca-server" init -b "admin:$password" >>"$LOG_DIR/$(ca_node "$org").log" 2>&1
  ) || die "fabric-ca-server init failed for $org; see $LOG_DIR/$(ca_node "$org").log"
}

start_ca() {
  local name=$1 org
  org=$(ca_org "$name")
  mkdir -p "$LOG_DIR"
  ca_init "$org"
  (
    ca_server_env "$org"
    launch "$name" "$CA_BIN/fabric-ca-server" start
  )
}

ca_ready() { # ca_ready ORG: the CA answers /cainfo over TLS, verified against its root
  curl -sf --cacert "$(ca_cert "$1")" "$(ca_url "$1")/cainfo?ca=$(ca_caname "$1")" >/dev/null
}

# fabric-ca-client with the CA's URL, name and TLS root. Its home (where it keeps its
# own config file) is given by the caller.
ca_client() { # ca_client ORG HOME fabric-ca-client-args...
  local org=$1 home=$2
  shift 2
  FABRIC_CA_CLIENT_HOME=$home "$CA_BIN/fabric-ca-client" "$@" --caname "$(ca_caname "$org")" \
    --tls.certfiles "$(ca_cert "$org")"
}

# The bootstrap admin's enrollment: the registrar every identity is registered by.
enroll_registrar() { # enroll_registrar ORG
  local org=$1 home out
  home=$(ca_registrar_home "$org")
  [[ -f "$home/msp/signcerts/cert.pem" ]] && return
  mkdir -p "$home"
  out=$(ca_client "$org" "$home" enroll -u "https://admin:$(<"$(ca_bootstrap_file "$org")")@127.0.0.1:$(ca_port "$org")" 2>&1) ||
    die "could not enroll the registrar of $(ca_caname "$org"): $out"
}

# register_and_enroll ORG NAME ATTRS: registers NAME (type client) with ATTRS, a comma-separated
# list of name=value put into its enrollment certificates (ecert), unless the CA has it already,
# then enrolls it into the organisation's users/NAME@domain/msp, completed as the peer CLI and
# the Fabric SDKs expect an MSP folder: cacerts/, tlscacerts/, signcerts/, keystore/ and the
# NodeOUs config.yaml. Nothing happens when that MSP folder exists.
register_and_enroll() {
  local org=$1 name=$2 attrs=$3 dir secret_file secret out ecert="" attr partial domain
  dir=$(identity_dir "$org" "$name")
  [[ -f "$dir/signcerts/cert.pem" ]] && return
  domain=$(org_domain "$org")
  secret_file=$(ca_secret_file "$org" "$name")
  mkdir -p "$(dirname "$secret_file")"
  if [[ ! -f "$secret_file" ]]; then
    (umask 077 && openssl rand -hex 16 >"$secret_file")
  fi
  if [[ -n "$attrs" ]]; then
    local -a list
    IFS=, read -r -a list <<<"$attrs"
    for attr in "${list[@]}"; do
      [[ "$attr" =~ ^[A-Za-z0-9_.-]+=[^:]*$ ]] || die "attribute '$attr' is not NAME=VALUE"
      ecert+="${ecert:+,}$attr:ecert"
    done
  fi
  local -a register=(register --id.name "$name" --id.secret "$(<"$secret_file")" --id.type client -u "$(ca_url "$org")")
  [[ -n "$ecert" ]] && register+=(--id.attrs "$ecert")
  # A name registered before (by a run interrupted before it enrolled) keeps its secret.
  out=$(ca_client "$org" "$(ca_registrar_home "$org")" "${register[@]}" 2>&1) ||
    grep -q "is already registered" <<<"$out" ||
    die "could not register $name with $(ca_caname "$org"): $out"
  partial="$dir.partial"
  rm -rf "$partial"
  mkdir -p "$(ca_client_home "$org")"
  out=$(ca_client "$org" "$(ca_client_home "$org")" enroll -M "$partial" \
    -u "https://$name:$(<"$secret_file")@127.0.0.1:$(ca_port "$org")" 2>&1) ||
    die "could not enroll $name with $(ca_caname "$org"): $out"
  # The client names the root after the CA's address; the organisation's config.yaml names it
  # as cryptogen did.
  rm -rf "$partial/cacerts" "$partial/intermediatecerts" "$partial/tlsintermediatecerts"
  mkdir -p "$partial/cacerts" "$partial/tlscacerts"
  cp "$(ca_cert "$org")" "$partial/cacerts/ca.$domain-cert.pem"
  cp "$(org_dir "$org")/tlsca/tlsca.$domain-cert.pem" "$partial/tlscacerts/"
  cp "$(org_dir "$org")/msp/config.yaml" "$partial/config.yaml"
  mkdir -p "$(dirname "$dir")"
  mv "$partial" "$dir"
}

start_cas() {
  local org
  for org in "${ORGS[@]}"; do start_node "$(ca_node "$org")"; done
  # shellcheck disable=SC2046
  wait_ready $(ca_nodes)
  for org in "${ORGS[@]}"; do enroll_registrar "$org"; done
}
