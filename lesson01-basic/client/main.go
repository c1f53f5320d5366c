// Command client is lesson 1's client: it connects, sends one message, and
// closes. Run it with: go run ./lesson01-basic/client -msg "hello"
package main

import (
	"flag"
	"os"

	basic "socketlab/lesson01-basic"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", basic.DefaultAddr, "`host:port` of the server")
	msg := flag.String("msg", basic.DefaultMessage, "the message to send")
	flag.Parse()
	if err := cli.CheckAddr(*addr, false, os.Stderr); err != nil {
		cli.Exit("client", err)
	}
	cli.Exit("client", basic.Send(*addr, *msg, os.Stdout))
}
