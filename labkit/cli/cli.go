// Package cli is what every lesson's server/main.go and client/main.go share: a
// context that Ctrl-C cancels, a check of the -addr flag, and one clear line and
// exit code for each failure a student can expect. No stack traces.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"socketlab/labkit/neterr"
)

// Exit codes. The flag package already exits with 2 on a bad flag; a bad -addr
// is the same kind of mistake.
const (
	ExitOK          = 0
	ExitOther       = 1
	ExitUsage       = 2
	ExitAddrInUse   = 3
	ExitRefused     = 4
	ExitTimeout     = 5
	ExitReset       = 6
	ExitClosed      = 7
	ExitInterrupted = 130 // the shell's convention for "stopped by Ctrl-C"
)

// SignalContext returns a context that is cancelled by Ctrl-C (SIGINT) or SIGTERM.
// Call stop to go back to the default behaviour, where a second Ctrl-C kills.
func SignalContext() (ctx context.Context, stop context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// CheckAddr checks that addr is host:port with a port from 0 to 65535. For a
// server it also warns on w when the address listens on every interface, which
// makes the server reachable from the network and not only from this computer.
func CheckAddr(addr string, listening bool, w io.Writer) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return usageError{fmt.Errorf("bad -addr %q: %v (want host:port, like 127.0.0.1:10001)", addr, err)}
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return usageError{fmt.Errorf("bad -addr %q: the port must be a number from 0 to 65535", addr)}
	}
	ip := net.ParseIP(host)
	if !listening || host != "" && (ip == nil || !ip.IsUnspecified()) {
		return nil
	}
	fmt.Fprintf(w, "warning: %s listens on every network interface: other computers can connect to this server\n", addr)
	if ip == nil || ip.To4() != nil {
		// Go asks for one IPv6 socket that also takes IPv4 clients, where the
		// system has IPv6; the address it reports is then IPv6's "every interface".
		fmt.Fprintf(w, "note: Go listens on %s with one socket for IPv4 and IPv6 clients both, so it may show as [::]:%s\n", addr, port)
	}
	return nil
}

// Failure is an error that already says in one line what went wrong, with the
// exit code for it: for failures a lesson knows better than Explain does.
type Failure struct {
	Line string
	Code int
	Err  error // the cause, for errors.Is; may be nil
}

func (f *Failure) Error() string { return f.Line }
func (f *Failure) Unwrap() error { return f.Err }

type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// Explain turns an error into one line a student can act on, and an exit code.
func Explain(err error) (line string, code int) {
	var failure *Failure
	if errors.As(err, &failure) {
		return failure.Line, failure.Code
	}
	var usage usageError
	if errors.As(err, &usage) {
		return usage.Error(), ExitUsage
	}
	if errors.Is(err, context.Canceled) {
		return "interrupted", ExitInterrupted
	}
	var op *net.OpError
	errors.As(err, &op)
	line, code = explainNet(err, op)
	// Keep what the program said around the network error ("no reply within
	// 10s: does the server echo? read tcp ...: i/o timeout"): only the system's
	// part is put in the lab's words.
	if op != nil && line != err.Error() {
		if said, found := strings.CutSuffix(err.Error(), op.Error()); found && said != "" {
			line = said + line
		}
	}
	return line, code
}

// explainNet explains a network error; op is the *net.OpError in it, if any.
func explainNet(err error, op *net.OpError) (line string, code int) {
	addr := "the address"
	if op != nil && op.Addr != nil {
		addr = op.Addr.String()
	}
	switch neterr.Classify(err) {
	case neterr.AddrInUse:
		return fmt.Sprintf("%s is already in use: is another lesson's server still running? "+
			"Stop it with Ctrl-C, or pick another port: %s", addr, freePortHint(op)), ExitAddrInUse
	case neterr.Refused:
		return fmt.Sprintf("connection refused: nothing is listening on %s (start the server first, or check -addr)", addr), ExitRefused
	case neterr.Timeout:
		return timedOut(err), ExitTimeout
	case neterr.Reset:
		// Not %v: the system's wording of a reset differs between Linux, macOS and Windows.
		return "connection reset: the other side aborted the connection (it sent RST, not FIN)", ExitReset
	case neterr.Closed:
		return "the other side closed the connection", ExitClosed
	case neterr.TooLong:
		return "message too long: one UDP datagram holds at most 65,507 bytes (over IPv4)", ExitOther
	case neterr.BadAddress:
		return fmt.Sprintf("bad address: %v", err), ExitUsage
	}
	if line, ok := privilegedPort(op, err); ok {
		return line, ExitOther
	}
	return err.Error(), ExitOther
}

// timedOut says which step timed out and what that means. It names the
// innermost operation: io.Copy on a connection reports a read that timed out
// inside "writeto", and it is the read that waited.
func timedOut(err error) string {
	var op *net.OpError
	if !errors.As(err, &op) {
		return fmt.Sprintf("timed out (%v)", err)
	}
	for {
		var inner *net.OpError
		if !errors.As(op.Err, &inner) {
			break
		}
		op = inner
	}
	peer := "the other side"
	if op.Addr != nil {
		peer = op.Addr.String()
	}
	switch op.Op {
	case "dial":
		return fmt.Sprintf("connect timed out: %s did not answer the connection request in time "+
			"(a host that is down, a firewall that drops the request, or a server whose accept queue is full)", peer)
	case "read":
		return fmt.Sprintf("read timed out: %s sent nothing more before the deadline "+
			"(a server that is slow, stuck, or does not answer what we sent)", peer)
	case "write":
		return fmt.Sprintf("write timed out: %s does not read what we send, and the buffers in between are full", peer)
	}
	return fmt.Sprintf("%s timed out (%v)", op.Op, err)
}

// freePortHint suggests an address that is free right now: the same host,
// and the first port after the busy one that this program could take itself.
func freePortHint(op *net.OpError) string {
	if op == nil || op.Addr == nil {
		return "-addr 127.0.0.1:0 (the system picks a free port)"
	}
	host, port, err := net.SplitHostPort(op.Addr.String())
	busy, perr := strconv.Atoi(port)
	if err != nil || perr != nil {
		return "-addr 127.0.0.1:0 (the system picks a free port)"
	}
	for p := busy + 1; p <= min(busy+100, 65535); p++ {
		candidate := net.JoinHostPort(host, strconv.Itoa(p))
		if free(op.Net, candidate) {
			return "-addr " + candidate + " is free"
		}
	}
	return "-addr " + net.JoinHostPort(host, "0") + " (the system picks a free port)"
}

// free says whether this program could listen on addr now (it closes at once).
func free(network, addr string) bool {
	if strings.HasPrefix(network, "udp") {
		pc, err := net.ListenPacket(network, addr)
		if err == nil {
			pc.Close()
		}
		return err == nil
	}
	ln, err := net.Listen(network, addr)
	if err == nil {
		ln.Close()
	}
	return err == nil
}

// privilegedPort explains a listen on a port below 1024 that the system refused:
// on Linux only root (or a program given CAP_NET_BIND_SERVICE) may do that.
func privilegedPort(op *net.OpError, err error) (string, bool) {
	if op == nil || op.Op != "listen" || op.Addr == nil || !errors.Is(err, os.ErrPermission) {
		return "", false
	}
	_, port, _ := net.SplitHostPort(op.Addr.String())
	if p, perr := strconv.Atoi(port); perr != nil || p >= 1024 {
		return "", false
	}
	return fmt.Sprintf("permission denied to listen on %s: ports below 1024 are privileged, only root "+
		"(or a program given CAP_NET_BIND_SERVICE) may listen on them; use a port from 1024 up, like -addr 127.0.0.1:10001", op.Addr), true
}

// Exit ends the program: silently with 0 for a nil error, otherwise with
// "prog: <explanation>" on standard error and the exit code Explain chose.
func Exit(prog string, err error) {
	if err == nil {
		os.Exit(ExitOK)
	}
	line, code := Explain(err)
	fmt.Fprintf(os.Stderr, "%s: %s\n", prog, line)
	os.Exit(code)
}
