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
	if ip := net.ParseIP(host); listening && (host == "" || ip != nil && ip.IsUnspecified()) {
		fmt.Fprintf(w, "warning: %s listens on every network interface: other computers can connect to this server\n", addr)
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
	addr := "the address"
	var op *net.OpError
	if errors.As(err, &op) && op.Addr != nil {
		addr = op.Addr.String()
	}
	switch neterr.Classify(err) {
	case neterr.AddrInUse:
		return fmt.Sprintf("%s is already in use: is another lesson's server still running? "+
			"Stop it with Ctrl-C, or pick another port: -addr 127.0.0.1:10002", addr), ExitAddrInUse
	case neterr.Refused:
		return fmt.Sprintf("connection refused: nothing is listening on %s (start the server first, or check -addr)", addr), ExitRefused
	case neterr.Timeout:
		return fmt.Sprintf("%s timed out (%v)", opName(op), err), ExitTimeout
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
	return err.Error(), ExitOther
}

func opName(op *net.OpError) string {
	switch {
	case op == nil:
		return "the operation"
	case op.Op == "dial":
		return "connect"
	default:
		return op.Op
	}
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
