//go:build tools

// Package tools pins the Pulumi CLI module so that `go build` in this folder
// compiles the CLI at exactly the version named in go.mod.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
