// Package neterr tells network failures apart: the lab's one place that turns an
// error from package net into "refused", "timed out", "reset", ... .
//
// Python raises ConnectionRefusedError, socket.timeout, ConnectionResetError; Go
// returns one error value that wraps the operating system's error number. Ask what
// it is with errors.Is, never by matching the text: the text differs between
// Linux, macOS and Windows, the error numbers are named constants on each.
package neterr

import (
	"errors"
	"io"
	"net"
	"os"
)

// Kind is what went wrong, as far as a socket program needs to know.
type Kind int

const (
	Other        Kind = iota // anything not listed below
	AddrInUse                // listen: another socket already has this port
	BadAddress               // the address could not be parsed or resolved
	Refused                  // dial: nothing listens on that port (the peer answered RST)
	Timeout                  // a deadline passed: connect, read or write timed out
	Reset                    // the peer aborted the connection (RST instead of FIN)
	Closed                   // the peer closed the connection normally: io.EOF
	Local                    // this program closed the socket itself (net.ErrClosed)
	TooManyFiles             // accept: the process (or system) has no file descriptor left; temporary
	TooLong                  // UDP: a datagram too long to send (over 65,507 bytes), or, on Windows, to receive into the buffer
)

var kindNames = [...]string{"other", "address in use", "bad address", "refused", "timeout", "reset", "closed by peer", "closed locally", "too many open files", "message too long"}

func (k Kind) String() string { return kindNames[k] }

// Classify names the kind of a network error. A nil error is Other.
func Classify(err error) Kind {
	var addrErr *net.AddrError
	var dnsErr *net.DNSError
	switch {
	case err == nil:
		return Other
	// A deadline set with SetDeadline, or a net.Dialer's Timeout, ran out.
	case errors.Is(err, os.ErrDeadlineExceeded):
		return Timeout
	case errors.Is(err, errAddrInUse):
		return AddrInUse
	case errors.Is(err, errRefused):
		return Refused
	case errors.Is(err, errReset), errors.Is(err, errAborted), errors.Is(err, errBrokenPipe):
		return Reset
	// Read returns io.EOF once the peer has closed its side and every byte was read.
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Closed
	case errors.Is(err, net.ErrClosed):
		return Local
	case errors.Is(err, errTooManyFiles), errors.Is(err, errTooManyFilesSystem):
		return TooManyFiles
	case errors.Is(err, errMessageTooLong):
		return TooLong
	case errors.As(err, &addrErr), errors.As(err, &dnsErr):
		return BadAddress
	}
	// Some timeouts (a resolver's, for example) only say so through net.Error.
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return Timeout
	}
	return Other
}
