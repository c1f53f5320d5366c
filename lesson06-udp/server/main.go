// Command server is lesson 6's UDP echo server: every datagram is answered
// with "echo: " and its bytes, to whoever sent it.
// Run it with: go run ./lesson06-udp/server
package main

import (
	"flag"
	"os"

	udp "socketlab/lesson06-udp"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", udp.DefaultAddr, "`host:port` to receive datagrams on; :10001 receives on every interface")
	var opts udp.Options
	flag.IntVar(&opts.BufferSize, "buffer", udp.DefaultBufferSize, "read at most `N` bytes of a datagram; the rest is lost")
	flag.IntVar(&opts.Drop, "drop", 0, "ignore every `N`th datagram, to watch the client retry (0: answer all)")
	flag.BoolVar(&opts.Quiet, "quiet", false, "print nothing per datagram (for load runs)")
	flag.Parse()
	if err := cli.CheckAddr(*addr, true, os.Stderr); err != nil {
		cli.Exit("server", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	pc, err := udp.Listen(*addr)
	if err != nil {
		cli.Exit("server", err)
	}
	cli.Exit("server", udp.Serve(ctx, pc, os.Stdout, opts))
}
