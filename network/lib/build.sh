# shellcheck shell=bash
# Builds (or locates) the Fabric binaries the network runs. Sourced by network.sh.

FABRIC_TOOLS_DIR="$NETWORK_DIR/fabric"
# shellcheck source=../fabric/VERSION
source "$FABRIC_TOOLS_DIR/VERSION"
FABRIC_CACHE="${XBORDER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xborder}/fabric-$FABRIC_VERSION-$FABRIC_COMMIT"
FABRIC_BINARIES=(peer orderer configtxgen osnadmin cryptogen configtxlator discover ledgerutil)
MIN_GO_MINOR=24
# Fabric CA, one server per organisation, pinned by network/fabric-ca/go.mod. Its own
# cache directory, keyed by its version; FABRIC_CA_BIN points at release binaries instead.
FABRIC_CA_TOOLS_DIR="$NETWORK_DIR/fabric-ca"
# shellcheck source=../fabric-ca/VERSION
source "$FABRIC_CA_TOOLS_DIR/VERSION"
FABRIC_CA_CACHE="${XBORDER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xborder}/fabric-ca-$FABRIC_CA_VERSION"
FABRIC_CA_BINARIES=(fabric-ca-server fabric-ca-client)
MIN_GO_MINOR_CA=25

# Sets BIN (peer, orderer, ...) and SAMPLE_CONFIG (core.yaml, orderer.yaml): from
# FABRIC_BIN when the user has release binaries, otherwise from our cache, building
# into it first when it is incomplete.
locate_fabric() {
  if [[ -n "${FABRIC_BIN:-}" ]]; then
    local b
    for b in "${FABRIC_BINARIES[@]}"; do
      [[ -x "$FABRIC_BIN/$b" ]] || die "FABRIC_BIN=$FABRIC_BIN has no executable '$b'"
    done
    BIN=$FABRIC_BIN
    locate_fabric_ca
    # Release archives ship config/ next to bin/.
    SAMPLE_CONFIG=${FABRIC_CFG_TEMPLATE:-$FABRIC_BIN/../config}
    [[ -f "$SAMPLE_CONFIG/core.yaml" && -f "$SAMPLE_CONFIG/orderer.yaml" ]] ||
      die "no core.yaml and orderer.yaml in $SAMPLE_CONFIG: set FABRIC_CFG_TEMPLATE to the release's config directory"
    return
  fi
  fabric_cache_complete || build_fabric
  BIN=$FABRIC_CACHE/bin
  SAMPLE_CONFIG=$FABRIC_CACHE/config
  locate_fabric_ca
}

# Sets CA_BIN (fabric-ca-server, fabric-ca-client): FABRIC_CA_BIN, or our cache, built if incomplete.
locate_fabric_ca() {
  if [[ -n "${FABRIC_CA_BIN:-}" ]]; then
    local b
    for b in "${FABRIC_CA_BINARIES[@]}"; do
      [[ -x "$FABRIC_CA_BIN/$b" ]] || die "FABRIC_CA_BIN=$FABRIC_CA_BIN has no executable '$b'"
    done
    CA_BIN=$FABRIC_CA_BIN
    return
  fi
  fabric_ca_cache_complete || build_fabric_ca
  CA_BIN=$FABRIC_CA_CACHE/bin
}

fabric_ca_cache_complete() {
  local b
  for b in "${FABRIC_CA_BINARIES[@]}"; do
    [[ -x "$FABRIC_CA_CACHE/bin/$b" ]] || return 1
  done
}

fabric_cache_complete() {
  local b
  for b in "${FABRIC_BINARIES[@]}"; do
    [[ -x "$FABRIC_CACHE/bin/$b" ]] || return 1
  done
  [[ -f "$FABRIC_CACHE/config/core.yaml" && -f "$FABRIC_CACHE/config/orderer.yaml" ]]
}

require_go() { # require_go [MIN_MINOR]
  local min=${1:-$MIN_GO_MINOR}
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed. Install Go 1.$MIN_GO_MINOR or newer (https://go.dev/doc/install, or your OS package), or set FABRIC_BIN to a directory with Fabric $FABRIC_VERSION release binaries."
  local v minor
  v=$(go env GOVERSION) # e.g. go1.26.8
  minor=$(sed -E 's/^go1\.([0-9]+).*/\1/' <<<"$v")
  [[ "$minor" =~ ^[0-9]+$ && "$minor" -ge $min ]] ||
    die "Go $v is too old: Fabric $FABRIC_VERSION needs Go 1.$MIN_GO_MINOR or newer, Fabric CA $FABRIC_CA_VERSION Go 1.$MIN_GO_MINOR_CA. Upgrade Go, or set FABRIC_BIN and FABRIC_CA_BIN to release binaries."
}

build_fabric() {
  require_go
  local pkg=github.com/hyperledger/fabric
  local ldflags="-X $pkg/common/metadata.Version=$FABRIC_VERSION -X $pkg/common/metadata.CommitSHA=$FABRIC_COMMIT"
  local tmp="$FABRIC_CACHE/bin.partial"
  mkdir -p "$tmp"
  log "Building Fabric $FABRIC_VERSION ($FABRIC_COMMIT) into $FABRIC_CACHE (a few minutes on first use)"
  local i=0 b start=$SECONDS
  for b in "${FABRIC_BINARIES[@]}"; do
    # A cache built before this binary was added to the list: keep what it has.
    if [[ -x "$FABRIC_CACHE/bin/$b" && ! -x "$tmp/$b" ]]; then
      cp -p "$FABRIC_CACHE/bin/$b" "$tmp/$b"
    fi
  done
  for b in "${FABRIC_BINARIES[@]}"; do
    i=$((i + 1))
    if [[ -x "$tmp/$b" ]]; then
      log "  [$i/${#FABRIC_BINARIES[@]}] $b (already built)"
      continue
    fi
    log "  [$i/${#FABRIC_BINARIES[@]}] $b ..."
    (cd "$FABRIC_TOOLS_DIR" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$tmp/$b.new" "$pkg/cmd/$b") ||
      die "building $b failed (see the go output above)"
    mv "$tmp/$b.new" "$tmp/$b"
  done
  local module
  module=$(cd "$FABRIC_TOOLS_DIR" && go list -m -f '{{.Dir}}' "$pkg") || die "cannot locate the Fabric module source"
  rm -rf "${FABRIC_CACHE:?}/config"
  mkdir -p "$FABRIC_CACHE/config"
  cp "$module/sampleconfig/core.yaml" "$module/sampleconfig/orderer.yaml" "$FABRIC_CACHE/config/"
  # Swap bin/ in one rename, so a network already running from it keeps finding its tools.
  [[ -d "$FABRIC_CACHE/bin" ]] && mv "$FABRIC_CACHE/bin" "$FABRIC_CACHE/bin.old"
  mv "$tmp" "$FABRIC_CACHE/bin"
  rm -rf "${FABRIC_CACHE:?}/bin.old"
  log "Fabric binaries ready in $((SECONDS - start))s"
}

# fabric-ca-server needs cgo (its SQLite database is go-sqlite3); the client does not,
# but is built the same way. -tags caclient is what the Fabric CA release uses for it.
build_fabric_ca() {
  require_go "$MIN_GO_MINOR_CA"
  command -v "${CC:-gcc}" >/dev/null 2>&1 ||
    die "building fabric-ca-server needs a C compiler (cgo, for SQLite): install gcc, or set FABRIC_CA_BIN to Fabric CA $FABRIC_CA_VERSION release binaries"
  local pkg=github.com/hyperledger/fabric-ca tmp="$FABRIC_CA_CACHE/bin.partial" b tags i=0 start=$SECONDS
  local ldflags="-X $pkg/lib/metadata.Version=$FABRIC_CA_VERSION"
  mkdir -p "$tmp"
  log "Building Fabric CA $FABRIC_CA_VERSION into $FABRIC_CA_CACHE (a minute or two on first use)"
  for b in "${FABRIC_CA_BINARIES[@]}"; do
    i=$((i + 1))
    [[ -x "$tmp/$b" ]] && continue
    log "  [$i/${#FABRIC_CA_BINARIES[@]}] $b ..."
    tags=""
    [[ "$b" == fabric-ca-client ]] && tags=caclient
    (cd "$FABRIC_CA_TOOLS_DIR" && CGO_ENABLED=1 go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$tmp/$b.new" "$pkg/cmd/$b") ||
      die "building $b failed (see the go output above)"
    mv "$tmp/$b.new" "$tmp/$b"
  done
  rm -rf "${FABRIC_CA_CACHE:?}/bin"
  mv "$tmp" "$FABRIC_CA_CACHE/bin"
  log "Fabric CA binaries ready in $((SECONDS - start))s"
}
