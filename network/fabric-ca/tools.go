//go:build tools

// Package fabricca pins the Hyperledger Fabric CA release whose binaries the
// local network runs (one CA per organisation). Nothing here is compiled into
// xborder; the blank imports only make `go mod` record the exact module
// versions so builds are reproducible.
package fabricca

import (
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-client"
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-server"
)
