# shellcheck shell=bash
# Application identities. cryptogen cannot put attributes into certificates, and
# the chaincode authorises by attribute (role=admin, role=issuer,
# kyc.verifier=true), so these are issued here with openssl, signed by each
# organisation's CA, carrying attributes where Fabric CA puts them (extension
# 1.2.3.4.5.6.7.8.1, a JSON object {"attrs": {...}}).

# name -> attributes JSON ('' for none). issuer is only issued for bank orgs.
IDENTITY_ATTRIBUTES=(
  "operator:{\"role\":\"admin\"}"
  "verifier:{\"kyc.verifier\":\"true\"}"
  "issuer:{\"role\":\"issuer\"}"
)
# Customer identities user1..userN of every organisation: each acts for one party, so a load
# test has as many independent payers as the banks have customers (3 banks x 24 = 72 by default).
CUSTOMERS_PER_ORG=${XBORDER_CUSTOMERS_PER_ORG:-24}
[[ "$CUSTOMERS_PER_ORG" =~ ^[1-9][0-9]{0,2}$ ]] || die "XBORDER_CUSTOMERS_PER_ORG must be 1 to 999, got '$CUSTOMERS_PER_ORG'"
for ((customer = 1; customer <= CUSTOMERS_PER_ORG; customer++)); do
  IDENTITY_ATTRIBUTES+=("user$customer:")
done

identity_dir() { echo "$(org_dir "$1")/users/$2@$(org_domain "$1")/msp"; }

issue_identity() { # issue_identity ORG NAME ATTRS_JSON
  local org=$1 name=$2 attrs=$3 dir ca work ext
  dir=$(identity_dir "$org" "$name")
  [[ -f "$dir/signcerts/cert.pem" ]] && return
  ca="$(org_dir "$org")/ca"
  work=$(mktemp -d)
  {
    echo "basicConstraints = critical, CA:FALSE"
    echo "keyUsage = critical, digitalSignature"
    echo "subjectKeyIdentifier = hash"
    echo "authorityKeyIdentifier = keyid"
    if [[ -n "$attrs" ]]; then
      echo "1.2.3.4.5.6.7.8.1 = DER:$(jq -cj --argjson a "$attrs" -n '{attrs: $a}' | od -An -tx1 | tr -d ' \n')"
    fi
  } >"$work/ext.cnf"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/key.pem" 2>/dev/null
  openssl req -new -key "$work/key.pem" -subj "/C=US/ST=California/L=San Francisco/OU=client/CN=$name@$(org_domain "$org")" \
    -out "$work/req.csr" 2>/dev/null
  openssl x509 -req -in "$work/req.csr" -CA "$ca/ca.$(org_domain "$org")-cert.pem" -CAkey "$ca/priv_sk" \
    -days 3650 -sha256 -extfile "$work/ext.cnf" -set_serial "0x$(openssl rand -hex 16)" -out "$work/cert.pem" 2>/dev/null ||
    die "could not issue identity $name for $org"
  mkdir -p "$dir/signcerts" "$dir/keystore"
  mv "$work/cert.pem" "$dir/signcerts/cert.pem"
  mv "$work/key.pem" "$dir/keystore/key.pem"
  rm -rf "$work"
}

issue_identities() {
  local org entry
  for org in "${ORGS[@]}"; do
    for entry in "${IDENTITY_ATTRIBUTES[@]}"; do
      [[ "${entry%%:*}" == issuer && "$org" == ClearingHouse ]] && continue
      issue_identity "$org" "${entry%%:*}" "${entry#*:}"
    done
  done
}

# Names of the identities an organisation has, for its connection profile.
identity_names() {
  local entry
  echo Admin
  for entry in "${IDENTITY_ATTRIBUTES[@]}"; do
    [[ "${entry%%:*}" == issuer && "$1" == ClearingHouse ]] && continue
    echo "${entry%%:*}"
  done
}
