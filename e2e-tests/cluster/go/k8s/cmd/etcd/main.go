// Command etcd is etcd's own server entry point, built inside the Kubernetes wrapper module so that
// it shares one module graph (and one go build) with the control-plane binaries.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
