# shellcheck shell=bash
# Builds (or locates) the Fabric binaries the network runs. Sourced by network.sh.

FABRIC_TOOLS_DIR="$NETWORK_DIR/fabric"
# shellcheck source=../fabric/VERSION
source "$FABRIC_TOOLS_DIR/VERSION"
FABRIC_CACHE="${XBORDER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xborder}/fabric-$FABRIC_VERSION-$FABRIC_COMMIT"
FABRIC_BINARIES=(peer orderer configtxgen osnadmin cryptogen)
MIN_GO_MINOR=24

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
    # Release archives ship config/ next to bin/.
    SAMPLE_CONFIG=${FABRIC_CFG_TEMPLATE:-$FABRIC_BIN/../config}
    [[ -f "$SAMPLE_CONFIG/core.yaml" && -f "$SAMPLE_CONFIG/orderer.yaml" ]] ||
      die "no core.yaml and orderer.yaml in $SAMPLE_CONFIG: set FABRIC_CFG_TEMPLATE to the release's config directory"
    return
  fi
  fabric_cache_complete || build_fabric
  BIN=$FABRIC_CACHE/bin
  SAMPLE_CONFIG=$FABRIC_CACHE/config
}

fabric_cache_complete() {
  local b
  for b in "${FABRIC_BINARIES[@]}"; do
    [[ -x "$FABRIC_CACHE/bin/$b" ]] || return 1
  done
  [[ -f "$FABRIC_CACHE/config/core.yaml" && -f "$FABRIC_CACHE/config/orderer.yaml" ]]
}

require_go() {
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed. Install Go 1.$MIN_GO_MINOR or newer (https://go.dev/doc/install, or your OS package), or set FABRIC_BIN to a directory with Fabric $FABRIC_VERSION release binaries."
  local v minor
  v=$(go env GOVERSION) # e.g. go1.26.8
  minor=$(sed -E 's/^go1\.([0-9]+).*/\1/' <<<"$v")
  [[ "$minor" =~ ^[0-9]+$ && "$minor" -ge $MIN_GO_MINOR ]] ||
    die "Go $v is too old: Fabric $FABRIC_VERSION needs Go 1.$MIN_GO_MINOR or newer. Upgrade Go, or set FABRIC_BIN to Fabric release binaries."
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
  rm -rf "${FABRIC_CACHE:?}/bin" "${FABRIC_CACHE:?}/config"
  mkdir -p "$FABRIC_CACHE/config"
  cp "$module/sampleconfig/core.yaml" "$module/sampleconfig/orderer.yaml" "$FABRIC_CACHE/config/"
  mv "$tmp" "$FABRIC_CACHE/bin"
  log "Fabric binaries ready in $((SECONDS - start))s"
}
