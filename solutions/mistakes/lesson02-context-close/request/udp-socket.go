//go:build mistake

// Mistake: a UDP socket (SOCK_DGRAM) for a TCP server: the datagram reaches no
// one, and there is no connection to half-close.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: never got a connection from Request
// Seen: the Chinese article (SOCK_DGRAM for a TCP client)
package exercises

import (
	"io"
	"net"
)

func Request(addr string, request []byte) ([]byte, error) {
	conn, err := net.Dial("udp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.Write(request); err != nil {
		return nil, err
	}
	if hc, ok := conn.(interface{ CloseWrite() error }); ok {
		hc.CloseWrite()
	}
	return io.ReadAll(conn)
}
