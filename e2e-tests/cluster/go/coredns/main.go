// Command coredns is CoreDNS with only the plugins the local cluster's real node needs: cluster
// names from the API server (kubernetes), a cache, and error/query logging. It has no forward
// plugin on purpose: pods must not reach any resolver outside this machine.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
)

// The plugin chain order: a subset of CoreDNS' plugin.cfg, in its order.
func init() {
	dnsserver.Directives = []string{"bind", "ready", "errors", "log", "loadbalance", "cache", "kubernetes"}
}

func main() { coremain.Run() }
