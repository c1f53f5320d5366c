// Command server is lesson 1's server: it accepts one client, prints what the
// client sends, and exits. Run it with: go run ./lesson01-basic/server
package main

import (
	"fmt"
	"os"

	basic "socketlab/lesson01-basic"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson01 server", "lesson01-basic/server",
		"accepts one client, prints every chunk of bytes it sends, and exits")
	var addr string
	prog.AddrVar(&addr, basic.DefaultAddr, true, "`host:port` to listen on; :10001 listens on every interface")
	prog.Parse()
	basic.ClientCommand = cli.GoRun("lesson01-basic/client") // right for the folder you are in

	// Lesson 2 shows how to stop a server cleanly; here Ctrl-C just ends the
	// process, and the operating system closes its sockets.
	ctx, stop := cli.SignalContext()
	defer stop()
	go func() {
		<-ctx.Done()
		fmt.Fprintln(os.Stderr, "server: interrupted; the operating system closes the sockets")
		os.Exit(cli.ExitInterrupted)
	}()

	ln, err := basic.Listen(addr)
	if err != nil {
		prog.Exit(err)
	}
	err = basic.Serve(ln, os.Stdout)
	ln.Close() // prog.Exit ends the process: close first, like the notebook's sock.close()
	prog.Exit(err)
}
