package labtest

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// FloodLimit is the most a client may take from a Flood before it stops
// reading: far more than any lesson's answer, far less than a client that
// reads without bound takes in the seconds before its deadline.
const FloodLimit = 64 << 20

// Flood is a TCP server that sends the same bytes to every client over and
// over, as fast as the client takes them, and never reads: the peer a client
// must survive by reading at most what it needs.
type Flood struct {
	ln   net.Listener
	sent atomic.Int64
}

// StartFlood starts a Flood that sends chunk again and again on every
// connection until the client closes it. When the test ends, it closes
// everything and waits for its goroutines.
func StartFlood(t testing.TB, chunk []byte) *Flood {
	t.Helper()
	f := &Flood{ln: Listen(t)}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	ended := false // the test is over: close what is accepted now at once
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := f.ln.Accept()
			if err != nil {
				return
			}
			// A small send buffer keeps what waits in the kernel small, so that
			// Sent is close to what the client read even with many connections
			// (Linux grows a loopback send buffer to megabytes otherwise).
			conn.(*net.TCPConn).SetWriteBuffer(64 << 10)
			mu.Lock()
			conns = append(conns, conn)
			if ended {
				conn.Close()
			}
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer conn.Close()
				for {
					n, err := conn.Write(chunk) // BLOCKS while the client does not read
					f.sent.Add(int64(n))
					if err != nil {
						return // the client closed (or the test ended)
					}
				}
			}()
		}
	}()
	t.Cleanup(func() {
		f.ln.Close()
		mu.Lock()
		ended = true
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return f
}

// Addr is the Flood's address.
func (f *Flood) Addr() net.Addr { return f.ln.Addr() }

// Sent is how many bytes the Flood has handed to its kernel so far: what the
// clients read, plus what waits in the socket buffers between them.
func (f *Flood) Sent() int64 { return f.sent.Load() }
