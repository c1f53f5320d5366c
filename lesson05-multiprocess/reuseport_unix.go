//go:build unix

package multiprocess

import (
	"context"
	"io"
	"net"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// ListenReusePort listens on addr with SO_REUSEPORT set, so that other
// sockets with the option set too can listen on the very same address. Go's
// net.Listen has no flag for it: ListenConfig.Control runs on the new socket
// after socket() and before bind(), which is where socket options go.
func ListenReusePort(addr string) (net.Listener, error) {
	lc := net.ListenConfig{Control: setReusePort}
	return lc.Listen(context.Background(), "tcp", addr)
}

// setReusePort is setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, 1) on the raw socket.
func setReusePort(network, address string, raw syscall.RawConn) error {
	var sockErr error
	err := raw.Control(func(fd uintptr) {
		sockErr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEPORT, 1)
	})
	if err != nil {
		return err
	}
	return sockErr
}

// reservePort takes addr's port for the workers without accepting on it: a
// socket with SO_REUSEPORT that is bound but not listening. bind() is what
// takes a port; only listen() makes connections come to a socket. So the port
// stays ours while workers come and go, and no connection ever waits in
// the supervisor's queue. Go's net package always listens, hence x/sys/unix.
func reservePort(addr string) (io.Closer, string, error) {
	tcpAddr, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	family, sockaddr := unix.AF_INET, unix.Sockaddr(&unix.SockaddrInet4{Port: tcpAddr.Port})
	if ip4 := tcpAddr.IP.To4(); ip4 != nil {
		copy(sockaddr.(*unix.SockaddrInet4).Addr[:], ip4)
	} else if tcpAddr.IP != nil {
		inet6 := &unix.SockaddrInet6{Port: tcpAddr.Port}
		copy(inet6.Addr[:], tcpAddr.IP.To16())
		family, sockaddr = unix.AF_INET6, inet6
	}
	fd, err := unix.Socket(family, unix.SOCK_STREAM, 0) // socket()
	if err != nil {
		return nil, "", os.NewSyscallError("socket", err)
	}
	unix.CloseOnExec(fd) // the workers open their own
	file := os.NewFile(uintptr(fd), "reserved port")
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEPORT, 1); err != nil {
		file.Close()
		return nil, "", os.NewSyscallError("setsockopt", err)
	}
	if err := unix.Bind(fd, sockaddr); err != nil { // bind(), and no listen()
		file.Close()
		return nil, "", &net.OpError{Op: "listen", Net: "tcp", Addr: tcpAddr, Err: os.NewSyscallError("bind", err)}
	}
	bound, err := unix.Getsockname(fd) // the port the kernel chose, if addr asked for port 0
	if err != nil {
		file.Close()
		return nil, "", os.NewSyscallError("getsockname", err)
	}
	switch b := bound.(type) {
	case *unix.SockaddrInet4:
		tcpAddr.Port = b.Port
	case *unix.SockaddrInet6:
		tcpAddr.Port = b.Port
	}
	return file, tcpAddr.String(), nil
}
