package labtest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/logpace"
	"socketlab/labkit/neterr"
)

// The suite's own tests: a server that does everything right passes every
// case, and servers with the mistakes the suite is for each fail the case
// that catches it (run in a child process, since a failing subtest fails its
// parent).

// lineServer is a small concurrent line server: it echoes every line, ends
// the session on an empty line or "exit", and prints one line per line. Its
// faults make it wrong in one way each.
type lineServer struct {
	faults map[string]bool
}

const lineBuffer = 4096

func (l lineServer) serve(ln net.Listener, out io.Writer) error {
	log := io.Writer(logpace.New(out))
	if l.faults["floods"] {
		log = out
	} else {
		defer log.(*logpace.Writer).Close()
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	stop := make(chan struct{}) // closed when the listener is: the server stops
	defer close(stop)
	var mu sync.Mutex
	conns := map[net.Conn]bool{}
	defer func() { // the server stops: close every client too
		mu.Lock()
		defer mu.Unlock()
		for c := range conns {
			c.Close()
		}
	}()
	var turn sync.Mutex // held by the client served, with the fault "sequential"
	for {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		mu.Lock()
		conns[conn] = true
		mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			if l.faults["sequential"] {
				turn.Lock()
				defer turn.Unlock()
			}
			l.handle(conn, log, stop)
			mu.Lock()
			delete(conns, conn)
			mu.Unlock()
		}()
	}
}

// remembered is where the fault "remembers every client" keeps them.
var (
	rememberedMu sync.Mutex
	remembered   []*bufio.Reader
)

func (l lineServer) handle(conn net.Conn, log io.Writer, stop <-chan struct{}) {
	defer conn.Close()
	fmt.Fprintf(log, "[%s] connected\n", conn.RemoteAddr())
	r := bufio.NewReaderSize(conn, lineBuffer)
	if l.faults["remembers every client"] {
		rememberedMu.Lock()
		remembered = append(remembered, r)
		rememberedMu.Unlock()
	}
	var size int
	var start []byte // the first bytes of the line: enough to tell "exit"
	for {
		var piece []byte
		var err error
		if l.faults["keeps lines whole"] {
			var s string
			s, err = r.ReadString('\n')
			piece = []byte(s)
		} else {
			piece, err = r.ReadSlice('\n')
		}
		if len(piece) > 0 {
			if size == 0 {
				start = append(start[:0], piece[:min(len(piece), 6)]...)
			}
			size += len(piece)
			conn.Write(piece)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if size > 0 && err == nil {
			msg := start
			if l.faults["ends on a piece"] {
				msg = piece
			}
			shown := logpace.Quote(bytes.TrimRight(start, "\r\n"))
			if l.faults["prints raw"] {
				shown = string(bytes.TrimRight(start, "\r\n"))
			}
			fmt.Fprintf(log, "[%s] %d bytes: %s\n", conn.RemoteAddr(), size, shown)
			whole := size <= len(start) || l.faults["ends on a piece"]
			if m := string(bytes.TrimRight(msg, "\r\n")); whole && (m == "" || m == "exit") {
				fmt.Fprintf(log, "[%s] %q ends the session\n", conn.RemoteAddr(), m)
				return
			}
			size = 0
		}
		if err != nil {
			if (neterr.Classify(err) == neterr.Reset && l.faults["leaks on reset"]) ||
				(errors.Is(err, io.EOF) && l.faults["ignores half-close"]) {
				<-stop // neither returns nor closes, until the server stops
			}
			fmt.Fprintf(log, "[%s] gone: %v\n", conn.RemoteAddr(), err)
			return
		}
	}
}

func (l lineServer) expectations() StreamServer {
	return StreamServer{
		Start:      func(t testing.TB) *Server { return StartServer(t, l.serve) },
		Concurrent: !l.faults["sequential"],
		Lines:      true,
		Answer:     func(line []byte) []byte { return line },
		Ends: func(msg []byte) bool {
			return len(msg) == 0 || string(msg) == "exit"
		},
		Shows: func(data []byte) string {
			msg := bytes.TrimRight(data, "\r\n")
			return fmt.Sprintf("%d bytes: %s", len(data), logpace.Quote(msg[:min(len(msg), 6)]))
		},
	}
}

func TestHostilePeers_AGoodServerPasses(t *testing.T) {
	HostilePeers(t, lineServer{}.expectations())
}

// udpServer is a small echo server: "echo: " and the datagram, except to
// itself and to answers.
type udpServer struct {
	faults map[string]bool
}

func (u udpServer) serve(pc net.PacketConn, out io.Writer) error {
	log := logpace.New(out)
	defer log.Close()
	buf := make([]byte, 2048)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			continue
		}
		data := buf[:n]
		fmt.Fprintf(log, "[%s] %d bytes: %s\n", from, n, logpace.Quote(data))
		if from.String() == pc.LocalAddr().String() && !u.faults["answers itself"] && !u.faults["answers anything"] {
			continue
		}
		if bytes.HasPrefix(data, []byte("echo: ")) && !u.faults["answers anything"] {
			continue
		}
		pc.WriteTo(append([]byte("echo: "), data...), from)
	}
}

func (u udpServer) expectations() PacketServer {
	return PacketServer{
		Start: func(t testing.TB) *Server { return StartPacketServer(t, u.serve) },
		Answer: func(d []byte) []byte {
			if bytes.HasPrefix(d, []byte("echo: ")) {
				return nil
			}
			return append([]byte("echo: "), d[:min(len(d), 2048)]...)
		},
	}
}

func TestHostileDatagrams_AGoodServerPasses(t *testing.T) {
	HostileDatagrams(t, udpServer{}.expectations())
}

// faultEnv names the fault a child process plays.
const faultEnv = "LABTEST_HOSTILE_FAULT"

// playFault runs the suite against a server with one fault: in the child
// process TestHostileSuiteHasTeeth starts.
func playFault(t *testing.T, fault string) {
	if udpFault, ok := strings.CutPrefix(fault, "udp "); ok {
		HostileDatagrams(t, udpServer{map[string]bool{udpFault: true}}.expectations())
		return
	}
	x := lineServer{map[string]bool{fault: true}}.expectations()
	if fault == "sequential" {
		x.Concurrent = true // it claims to be
	}
	HostilePeers(t, x)
}

func TestHostileSuiteHasTeeth(t *testing.T) {
	if fault := os.Getenv(faultEnv); fault != "" {
		playFault(t, fault) // the child
		return
	}
	for _, tc := range []struct {
		fault string // the server's mistake
		cases string // the cases that catch it (a -run pattern for the suite's subtests)
		says  string // what the failure says
	}{
		{"prints raw", "^(junk|terminal_escapes)$", "raw control character"},
		{"prints raw", "^invalid_UTF-8$", "invalid UTF-8"},
		{"floods", "^many_short_lines$", "a flood nobody can read"},
		{"floods", "^RST_storm$", "a flood nobody can read"},
		{"keeps lines whole", "^1_MiB_without_a_newline$", "must not keep a line whole"},
		{"ends on a piece", "^long_line$/^4096_bytes_and_\"\\\\n\"$", "a line's end is decided on the whole line"},
		{"ends on a piece", "^long_line$/^4096_bytes_then_exit", "a line's end is decided on the whole line"},
		{"leaks on reset", "^RST_mid-line$", "goroutines the server started are still running"},
		{"remembers every client", "^RST_storm$", "it keeps something for each client"},
		{"ignores half-close", "^half-close$", "to end the connection after the client half-closed"},
		{"sequential", "^never_reads$", "a normal client while another never reads"},
		{"udp answers anything", "^own_address$", "it answers itself"},
		{"udp answers anything", "^reflector$", "it answers its own answers"},
	} {
		t.Run(tc.fault+"/"+tc.cases, func(t *testing.T) {
			t.Parallel() // child processes, most of them waiting for what a faulty server never does
			ctx, cancel := context.WithTimeout(context.Background(), 4*Patience())
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run", "^TestHostileSuiteHasTeeth$/"+tc.cases, "-test.v")
			// The child waits Patience for what a faulty server never does: a
			// quarter of the parent's is enough, and keeps this test short.
			cmd.Env = append(os.Environ(), faultEnv+"="+tc.fault, fmt.Sprintf("%s=%g", ScaleEnv, scale()/4))
			out, err := cmd.CombinedOutput()
			require.Error(t, err, "a server that %s passed:\n%s", tc.fault, out)
			require.Contains(t, string(out), tc.says, "a server that %s failed for another reason", tc.fault)
			require.NotContains(t, string(out), "no tests to run", "the -run pattern matches no case")
		})
	}
}
