package multiprocess

import (
	"io"
	"net"
)

// ListenReusePort needs SO_REUSEPORT, which Windows does not have.
func ListenReusePort(addr string) (net.Listener, error) { return nil, Supported() }

func reservePort(addr string) (io.Closer, string, error) { return nil, "", Supported() }
