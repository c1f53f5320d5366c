package multiprocess

import (
	"fmt"
	"net"
	"os"
)

// inheritedFD is where a worker finds the listening socket the supervisor
// handed down: exec.Cmd.ExtraFiles[0] becomes file descriptor 3 in the child,
// after standard input, output and error (0, 1, 2).
const inheritedFD = 3

// WorkerListener is how a worker gets its listening socket: its own, opened
// with SO_REUSEPORT (reuseport), or the one its supervisor handed down (inherit).
func WorkerListener(mode Mode, addr string) (net.Listener, error) {
	if mode == ReusePort {
		return ListenReusePort(addr)
	}
	file := os.NewFile(inheritedFD, "listening socket from the supervisor")
	defer file.Close() // FileListener made its own copy
	ln, err := net.FileListener(file)
	if err != nil {
		return nil, fmt.Errorf("no listening socket handed down on fd %d (a worker is started by the supervisor, not by hand): %w", inheritedFD, err)
	}
	return ln, nil
}
