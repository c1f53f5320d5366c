// Command chat runs your ServeChat (exercise 4): connect to it from several
// terminals, and what one types the others see.
//
//	go run ./lesson04-goroutines/exercises/chat
//	nc 127.0.0.1 10001        (in two or more terminals)
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"

	"socketlab/labkit/cli"
	"socketlab/lesson04-goroutines/exercises"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:10001", "`host:port` to listen on")
	flag.Parse()
	if err := cli.CheckAddr(*addr, true, os.Stderr); err != nil {
		cli.Exit("chat", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		cli.Exit("chat", err)
	}
	context.AfterFunc(ctx, func() { ln.Close() }) // Ctrl-C: ServeChat's Accept returns
	fmt.Printf("chat room on %s: connect with nc or telnet from several terminals (Ctrl-C to stop)\n", ln.Addr())
	cli.Exit("chat", exercises.ServeChat(ln))
}
