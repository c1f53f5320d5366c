// Command client is lesson 1's client: it connects, sends one message, and
// closes. Run it with: go run ./lesson01-basic/client -msg "hello"
package main

import (
	"os"

	basic "socketlab/lesson01-basic"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson01 client", "lesson01-basic/client",
		"connects to the server, sends one message, and closes")
	var addr, msg string
	prog.AddrVar(&addr, basic.DefaultAddr, false, "`host:port` of the server")
	prog.StringVar(&msg, "msg", basic.DefaultMessage, "the message to send")
	prog.Parse()
	prog.Exit(basic.Send(addr, msg, os.Stdout))
}
