# shellcheck shell=bash
# Application identities, registered with their attributes and enrolled through
# each organisation's Fabric CA (ca.sh). The chaincode authorises by attribute
# (role=admin, role=issuer, kyc.verifier=true), read from the enrollment
# certificate, where Fabric CA puts attributes registered with ':ecert'.

# name -> attributes (NAME=VALUE,...; empty for none). issuer is only registered for bank orgs.
IDENTITY_ATTRIBUTES=(
  "operator:role=admin"
  "verifier:kyc.verifier=true"
  "issuer:role=issuer"
)
# Customer identities user1..userN of every organisation: each acts for one party, so a load
# test has as many independent payers as the banks have customers (3 banks x 24 = 72 by default).
CUSTOMERS_PER_ORG=${XBORDER_CUSTOMERS_PER_ORG:-24}
[[ "$CUSTOMERS_PER_ORG" =~ ^[1-9][0-9]{0,2}$ ]] || die "XBORDER_CUSTOMERS_PER_ORG must be 1 to 999, got '$CUSTOMERS_PER_ORG'"
for ((customer = 1; customer <= CUSTOMERS_PER_ORG; customer++)); do
  IDENTITY_ATTRIBUTES+=("user$customer:")
done

identity_dir() { echo "$(org_dir "$1")/users/$2@$(org_domain "$1")/msp"; }

issue_org_identities() { # issue_org_identities ORG
  local org=$1 entry
  for entry in "${IDENTITY_ATTRIBUTES[@]}"; do
    [[ "${entry%%:*}" == issuer && "$org" == ClearingHouse ]] && continue
    register_and_enroll "$org" "${entry%%:*}" "${entry#*:}"
  done
}

# The organisations' CAs work side by side; each one's identities one after another.
issue_identities() {
  local org pids=() pid failed=0
  for org in "${ORGS[@]}"; do
    issue_org_identities "$org" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  ((failed == 0)) || die "application identities could not all be enrolled (see the errors above)"
}

# Names of the identities an organisation has, for its connection profile: the
# cryptogen Admin, the built-in ones, then those added with `network.sh register`.
identity_names() {
  local entry
  echo Admin
  for entry in "${IDENTITY_ATTRIBUTES[@]}"; do
    [[ "${entry%%:*}" == issuer && "$1" == ClearingHouse ]] && continue
    echo "${entry%%:*}"
  done
  [[ -f "$(ca_registered_file "$1")" ]] && cat "$(ca_registered_file "$1")"
  return 0
}
