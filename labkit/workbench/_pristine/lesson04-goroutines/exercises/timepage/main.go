// Command timepage runs your ServeTimePage (exercise 5) so that a browser can
// open it:
//
//	go run ./lesson04-goroutines/exercises/timepage
//	then open http://127.0.0.1:10001/time.html
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"time"

	"socketlab/labkit/cli"
	"socketlab/lesson04-goroutines/exercises"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:10001", "`host:port` to listen on")
	flag.Parse()
	if err := cli.CheckAddr(*addr, true, os.Stderr); err != nil {
		cli.Exit("timepage", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		cli.Exit("timepage", err)
	}
	context.AfterFunc(ctx, func() { ln.Close() }) // Ctrl-C: ServeTimePage's Accept returns
	fmt.Printf("open http://%s/time.html in a browser (Ctrl-C to stop)\n", ln.Addr())
	cli.Exit("timepage", exercises.ServeTimePage(ln, time.Now))
}
