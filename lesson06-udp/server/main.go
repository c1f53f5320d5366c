// Command server is lesson 6's UDP echo server: every datagram is answered
// with "echo: " and its bytes, to whoever sent it.
// Run it with: go run ./lesson06-udp/server
package main

import (
	"os"

	udp "socketlab/lesson06-udp"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson06 server", "lesson06-udp/server",
		`a UDP echo server: answers every datagram with "echo: " and its bytes, to whoever sent it`)
	var addr string
	prog.AddrVar(&addr, udp.DefaultAddr, true, "`host:port` to receive datagrams on; :10001 receives on every interface")
	var opts udp.Options
	prog.IntVar(&opts.BufferSize, "buffer", udp.DefaultBufferSize, cli.Between(1, 65_536), "read at most `N` bytes of a datagram; the rest is lost")
	prog.IntVar(&opts.Drop, "drop", 0, cli.Between(0, 1_000_000), "ignore every `N`th datagram, to watch the client retry (0: answer all)")
	prog.BoolVar(&opts.Quiet, "quiet", false, "print nothing per datagram (for load runs)")
	prog.Parse()
	ctx, stop := cli.SignalContext()
	defer stop()

	pc, err := udp.Listen(addr)
	if err != nil {
		prog.Exit(err)
	}
	prog.Exit(udp.Serve(ctx, pc, os.Stdout, opts))
}
