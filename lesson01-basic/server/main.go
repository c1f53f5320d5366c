// Command server is lesson 1's server: it accepts one client, prints what the
// client sends, and exits. Run it with: go run ./lesson01-basic/server
package main

import (
	"flag"
	"fmt"
	"os"

	basic "socketlab/lesson01-basic"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", basic.DefaultAddr, "`host:port` to listen on; :10001 listens on every interface")
	flag.Parse()
	if err := cli.CheckAddr(*addr, true, os.Stderr); err != nil {
		cli.Exit("server", err)
	}

	// Lesson 2 shows how to stop a server cleanly; here Ctrl-C just ends the
	// process, and the operating system closes its sockets.
	ctx, stop := cli.SignalContext()
	defer stop()
	go func() {
		<-ctx.Done()
		fmt.Fprintln(os.Stderr, "server: interrupted; the operating system closes the sockets")
		os.Exit(cli.ExitInterrupted)
	}()

	ln, err := basic.Listen(*addr)
	if err != nil {
		cli.Exit("server", err)
	}
	err = basic.Serve(ln, os.Stdout)
	ln.Close() // cli.Exit ends the process: close first, like the notebook's sock.close()
	cli.Exit("server", err)
}
