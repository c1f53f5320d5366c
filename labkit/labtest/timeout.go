// Package labtest is what every lesson's tests share: loopback sockets, output a
// test can wait on, golden transcripts, scaled timeouts, and the exercise summary.
//
// # Hostile peers
//
// Every lesson's server runs one conformance suite, in the spirit of
// golang.org/x/net/nettest.TestConn: the lesson says what its server does, and
// the suite plays the clients a server meets on a class LAN. For a TCP server:
//
//	func TestHostilePeers(t *testing.T) {
//		labtest.HostilePeers(t, labtest.StreamServer{
//			Start:  func(t testing.TB) *labtest.Server { return labtest.StartServer(t, serve) },
//			Lines:  true,                                     // it splits what it reads into lines
//			Answer: func(line []byte) []byte { return line }, // it echoes each line, "\r\n" and all
//			Ends:   func(msg []byte) bool { return len(msg) == 0 || string(msg) == "exit" },
//			Shows:  func(data []byte) string { ... },          // what it prints for a short line
//		})
//	}
//
// The other fields of StreamServer say whether it serves one client
// (OneClient) or several at once (Concurrent), its idle timeout, a greeting,
// the longest line it takes (MaxLine), and what it prints when a session ends
// (Totals). Each case is a subtest with a fresh server (go test -run
// 'HostilePeers/RST_storm'): junk bytes, NUL, invalid UTF-8, terminal
// escapes, CRLF and LF, lines that do and do not end the session, lines of
// 4095, 4096, 4097 and 8192 bytes (also ending in "exit"), 1 MiB without a
// newline, a flood of short lines, RST mid-line, half-close, an RST storm of
// 2,000 connections, a slow trickle, a client that never reads and one that
// says nothing. After each, the suite checks what the server answered, that it
// still serves a normal client (or, with OneClient, that Serve returned nil),
// that what it printed is readable (no raw control bytes, no line over 240
// characters, at most 60 lines plus 40 a second), that its memory stayed
// bounded, and that the goroutines it started for the hostile clients are gone.
//
// HostileDatagrams does the same for a UDP server (PacketServer): an empty
// datagram, the largest one (65,507 bytes), junk, a burst of 2,000, a sender
// that is gone, a datagram from the server's own address, and a reflector
// that sends its answers back.
//
// ScriptedConn feeds a lesson's per-client code from a fuzz target, and
// PipeListener runs a server on a fake clock (testing/synctest).
package labtest

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// ScaleEnv names the environment variable that multiplies every test timeout:
// SOCKETLAB_TIMEOUT_SCALE=5 go test ... on a slow laptop, under -race, or on a
// loaded grading machine.
const ScaleEnv = "SOCKETLAB_TIMEOUT_SCALE"

// Timeout returns d multiplied by SOCKETLAB_TIMEOUT_SCALE (1 when unset).
func Timeout(d time.Duration) time.Duration {
	return time.Duration(float64(d) * scale())
}

// Scale returns SOCKETLAB_TIMEOUT_SCALE (1 when unset): for a test that
// runs other tests and hands them a scale of its own.
func Scale() float64 { return scale() }

func scale() float64 {
	s := os.Getenv(ScaleEnv)
	if s == "" {
		return 1
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 {
		panic(fmt.Sprintf("%s=%q: want a positive number such as 3 or 0.5", ScaleEnv, s))
	}
	return f
}

// Patience is how long a test waits for something that should happen at once
// (a line printed, a connection accepted) before it gives up and fails. A passing
// test never waits that long: it goes on as soon as the event happens.
func Patience() time.Duration { return Timeout(5 * time.Second) }
