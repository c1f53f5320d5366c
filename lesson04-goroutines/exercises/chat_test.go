package exercises_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

const chatSection = "Exercise 4: a chat room"

// chatRoom is a ServeChat running on a listener of its own.
type chatRoom struct {
	t      *testing.T
	ln     net.Listener
	served <-chan error
}

func openRoom(t *testing.T) *chatRoom {
	return openRoomOn(t, labtest.Listen(t))
}

// openRoomOn runs ServeChat on ln.
func openRoomOn(t *testing.T, ln net.Listener) *chatRoom {
	return &chatRoom{t: t, ln: ln, served: labtest.Go(func() error { return exercises.ServeChat(ln) })}
}

// join connects a client and reads its Joined line.
func (r *chatRoom) join(name string) (net.Conn, *bufio.Reader) {
	r.t.Helper()
	conn := labtest.Dial(r.t, r.ln.Addr())
	lines := bufio.NewReader(conn)
	got := readLine(r.t, conn, lines, r.served, name+"'s "+strings.TrimSpace(exercises.Joined),
		"send Joined to each client once it is in the room; "+readme(chatSection))
	if got != exercises.Joined {
		r.t.Fatalf("the first line %s got was %q; want Joined (%q) before any line of the room: "+
			"add the client to the room and put Joined in its outbox in one step, under the room's lock, "+
			"and send it nothing in another way; %s", name, got, exercises.Joined, readme(chatSection))
	}
	return conn, lines
}

// readLine reads the next line a member gets.
func (r *chatRoom) readLine(conn net.Conn, lines *bufio.Reader, what, likely string) string {
	r.t.Helper()
	return readLine(r.t, conn, lines, r.served, what, likely)
}

// stop closes the listener and checks that ServeChat returns nil and closes
// the connections of members (whose names are given).
func (r *chatRoom) stop(members map[string]net.Conn, lines map[string]io.Reader) {
	r.t.Helper()
	r.ln.Close()
	require.NoError(r.t, returns(r.t, r.served, "ServeChat, after its listener was closed,",
		"when Accept fails, close every member's connection, wait for the room's goroutines, and return nil; "+readme(chatSection)),
		"ServeChat returns nil when its listener is closed (%s)", readme(chatSection))
	for name, conn := range members {
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		_, err := io.Copy(io.Discard, lines[name])
		if errors.Is(err, os.ErrDeadlineExceeded) {
			r.t.Fatalf("%s's connection was not closed when ServeChat stopped (still open %v later): close every member's connection before returning; %s",
				name, labtest.Patience(), readme(chatSection))
		} else if err != nil && !isReset(err) {
			r.t.Fatalf("%s's connection, when ServeChat stopped: %v", name, err)
		}
	}
}

func TestExercise4_ServeChat(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("whole lines, to the others only, closed on stop", func(t *testing.T) {
		room := openRoom(t)
		listener, listenerLines := room.join("the listener")
		speaker, speakerLines := room.join("the speaker")
		chatter, chatterLines := room.join("the chatter")

		// A line that comes in pieces is passed on whole, never mixed with
		// another client's line.
		fmt.Fprint(speaker, "a line that comes ")
		listener.SetReadDeadline(time.Now().Add(labtest.Timeout(200 * time.Millisecond)))
		if _, err := listenerLines.Peek(1); err == nil {
			got, _ := listenerLines.Peek(listenerLines.Buffered())
			t.Fatalf("the listener got %q, a piece of a line the speaker had not finished: one Read is not one line; "+
				"read whole lines (bufio.Reader's ReadString('\\n') or ReadBytes) and pass on each line whole; %s", got, readme(chatSection))
		} else if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("the listener's connection failed while the speaker's line was unfinished: %v", err)
		}
		fmt.Fprint(chatter, "the chatter's line\n")
		require.Equal(t, "the chatter's line\n", room.readLine(listener, listenerLines, "the chatter's line at the listener",
			"pass on whole lines: the speaker's unfinished line must not come first, or mixed with this one; "+readme(chatSection)))
		require.Equal(t, "the chatter's line\n", room.readLine(speaker, speakerLines, "the chatter's line at the speaker", readme(chatSection)))
		fmt.Fprint(speaker, "in two pieces, \xff\x00 bytes\r\n")
		const whole = "a line that comes in two pieces, \xff\x00 bytes\r\n"
		for name, m := range map[string]struct {
			conn  net.Conn
			lines *bufio.Reader
			own   string // the line it sent
		}{"listener": {listener, listenerLines, ""}, "chatter": {chatter, chatterLines, "the chatter's line\n"}} {
			got := room.readLine(m.conn, m.lines, "the speaker's line that came in two pieces, at the "+name,
				"a line goes to the others unchanged, byte for byte, up to and with its '\\n'; "+readme(chatSection))
			if got == m.own {
				t.Fatalf("the %s got %q, a line it sent itself, where the speaker's line was due: "+
					"a line goes to every other client, not back to the one who sent it; %s", name, got, readme(chatSection))
			}
			require.Equal(t, whole, got, "a line goes to the others unchanged, byte for byte, up to and with its '\\n' (%s)", readme(chatSection))
		}

		// The sender does not hear itself: the next line it gets is the listener's.
		fmt.Fprint(listener, "from the listener\n")
		if got := room.readLine(speaker, speakerLines, "the listener's line at the speaker", readme(chatSection)); got != "from the listener\n" {
			t.Fatalf("the speaker got %.60q, a line it sent itself, where the listener's line was due: "+
				"a line goes to every other client, not back to the one who sent it; %s", got, readme(chatSection))
		}
		room.stop(map[string]net.Conn{"the listener": listener, "the speaker": speaker},
			map[string]io.Reader{"the listener": listenerLines, "the speaker": speakerLines})
	})
	if !ok {
		return
	}
	ok = t.Run("Joined once in the room; the room waits for its goroutines", func(t *testing.T) {
		ln := &roomListener{Listener: labtest.Listen(t), released: make(chan struct{})}
		t.Cleanup(ln.release)
		room := openRoomOn(t, ln)
		listener, listenerLines := room.join("the listener")
		speaker, _ := room.join("the speaker")

		// While the room writes Joined to a newcomer, the speaker sends a
		// line. If the room passes it on then, the newcomer must get it
		// after Joined: it was in the room when it was told so.
		const during = "a line sent while the newcomer is told joined\n"
		heard := make(chan string, 1)
		ln.hookJoined(func() {
			fmt.Fprint(speaker, during)
			listener.SetReadDeadline(time.Now().Add(labtest.Timeout(200 * time.Millisecond))) // a room that writes Joined under its lock passes it on later
			line, _ := listenerLines.ReadString('\n')
			heard <- line
		})
		newcomer, newcomerLines := room.join("the newcomer")
		select {
		case line := <-heard:
			if line != during { // the room passed the line on after Joined: nothing to check
				room.readLine(listener, listenerLines, "the line sent while the newcomer was told joined, at the listener", readme(chatSection))
				break
			}
			fmt.Fprint(speaker, "after joined\n")
			if got := room.readLine(newcomer, newcomerLines, "the line sent while the newcomer was told Joined, at the newcomer", readme(chatSection)); got != during {
				t.Fatalf("the newcomer got %q, but not %q, which the others got while the newcomer was being told Joined: "+
					"send Joined only once the client is in the room (add it to the members, then queue Joined), "+
					"or it misses what is said in between; %s", got, during, readme(chatSection))
			}
			require.Equal(t, "after joined\n", room.readLine(listener, listenerLines, "the speaker's line after the newcomer joined, at the listener", readme(chatSection)))
		default: // the room did not write Joined through this connection's Write: nothing to check
		}

		// A client that leaves in the middle of a line: the piece it had
		// sent never became a line, and reaches no one. The room is done
		// with the client when it closes its connection.
		leaver, _ := room.join("the client that leaves mid-line")
		fmt.Fprint(leaver, "bye\nhalf a line")
		leaver.Close()
		require.Equal(t, "bye\n", room.readLine(listener, listenerLines, "the last whole line of a client that then left, at the listener", readme(chatSection)))
		select {
		case <-ln.closedByRoom(3): // the fourth client accepted: the leaver
		case <-time.After(labtest.Timeout(200 * time.Millisecond)): // a room that closes it only when it stops
		}
		fmt.Fprint(speaker, "after the leaver\n")
		if got := room.readLine(listener, listenerLines, "the speaker's line after a client left mid-line", readme(chatSection)); got != "after the leaver\n" {
			t.Fatalf("the listener got %q where the speaker's line was due: a client that left in the middle of a line had sent %q "+
				"with no '\\n', and the room passed that piece on; a piece is not a line: when ReadString or ReadBytes returns it "+
				"with an error, drop it; %s", got, "half a line", readme(chatSection))
		}

		// When ln is closed, ServeChat returns only once every goroutine of
		// the room has: here each member's reader is held in its Read.
		ln.holdFailedReads()
		ln.Close()
		select {
		case err := <-room.served:
			t.Fatalf("ServeChat returned (%v) while goroutines of the room were still running (each member's reader was still in its Read): "+
				"close every member's connection, then wait for all its goroutines (sync.WaitGroup), then return; %s", err, readme(chatSection))
		case <-time.After(labtest.Timeout(200 * time.Millisecond)):
		}
		ln.release()
		room.stop(map[string]net.Conn{"the newcomer": newcomer}, map[string]io.Reader{"the newcomer": newcomerLines})
	})
	if !ok {
		return
	}
	ok = ok && t.Run("a client that never reads does not hold up the room", func(t *testing.T) {
		room := openRoom(t)
		stuck, _ := room.join("the client that never reads")
		stuck.(*net.TCPConn).SetReadBuffer(4096) // so that its buffers fill early
		listener, listenerLines := room.join("the listener")
		speaker, _ := room.join("the speaker")
		gone, _ := room.join("the client that resets")
		gone.(*net.TCPConn).SetLinger(0)
		gone.Close()

		// The speaker sends 8 MiB in batches of 100 lines; the listener must
		// get every line, in order, although one member stopped reading long
		// ago and one has gone.
		padding := strings.Repeat(".", 4000)
		const batches, perBatch = 20, 100
		for b := 0; b < batches; b++ {
			var batch strings.Builder
			for i := 0; i < perBatch; i++ {
				fmt.Fprintf(&batch, "line %d %s\n", b*perBatch+i, padding)
			}
			if err := labtest.WriteChunks(speaker, []byte(batch.String()), 0); err != nil {
				t.Fatalf("the room stopped reading the speaker's lines (%v): is it waiting for a client that never reads? "+
					"never write to a client while holding the room's lock, give each member an outbox; %s", err, readme(chatSection))
			}
			for i := 0; i < perBatch; i++ {
				want := fmt.Sprintf("line %d %s\n", b*perBatch+i, padding)
				got := room.readLine(listener, listenerLines, fmt.Sprintf("line %d at the listener", b*perBatch+i),
					"is the room waiting for a client that never reads, or stopped by one that has gone? a member that cannot keep up must not hold up the others: "+
						"give each member a buffered outbox and a writer goroutine, and drop lines when its outbox is full. "+
						"Or did it drop the line for the listener, which reads all the time? then its outbox is too small for a burst of lines (here 100 at once); "+readme(chatSection))
				var gotNumber int
				if _, err := fmt.Sscanf(got, "line %d ", &gotNumber); err == nil && gotNumber > b*perBatch+i && !comesLater(listener, listenerLines, b*perBatch+i) {
					t.Fatalf("the listener, which reads all the time, got line %d where line %d was due: the room dropped lines for a member that keeps up. "+
						"Drop a line only for a member whose outbox is full because it stopped reading; if a burst of lines (here %d at once) fills the outbox "+
						"of a member that reads, its outbox is too small: give it room for a few hundred lines; %s", gotNumber, b*perBatch+i, perBatch, readme(chatSection))
				}
				if got != want {
					t.Fatalf("the listener got %.40q..., want %.40q...: every line, whole and in the order it was sent; %s", got, want, readme(chatSection))
				}
			}
		}
		// (The client that never reads is not checked for its close: with
		// its small buffer, reading the megabytes queued for it would take
		// minutes.)
		room.stop(map[string]net.Conn{"the listener": listener}, map[string]io.Reader{"the listener": listenerLines})
	})
}

// roomListener hands out connections the test can step into: the first Write
// on one, and a Read that fails once the listener is closed.
type roomListener struct {
	net.Listener
	mu       sync.Mutex
	onJoined func() // runs inside the next connection's first Write, before it is done
	holding  atomic.Bool
	released chan struct{}
	once     sync.Once
	accepted []*roomConn
}

// hookJoined makes the next connection accepted run hook inside its first
// Write (the room's Joined), before the bytes go out.
func (l *roomListener) hookJoined(hook func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.onJoined = hook
}

// holdFailedReads makes every Read that fails from now on wait for release
// before it returns: the goroutine that called it is still running.
func (l *roomListener) holdFailedReads() { l.holding.Store(true) }

// closedByRoom is closed when the room closes the n-th connection it
// accepted (from 0); nil if there is none.
func (l *roomListener) closedByRoom(n int) <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n >= len(l.accepted) {
		return nil
	}
	return l.accepted[n].closed
}

func (l *roomListener) release() { l.once.Do(func() { close(l.released) }) }

func (l *roomListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	c := &roomConn{Conn: conn, l: l, onFirstWrite: l.onJoined, closed: make(chan struct{})}
	l.onJoined = nil
	l.accepted = append(l.accepted, c)
	return c, nil
}

type roomConn struct {
	net.Conn
	l            *roomListener
	wrote        atomic.Bool
	onFirstWrite func()
	closed       chan struct{} // closed by Close
	closeOnce    sync.Once
}

func (c *roomConn) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	return c.Conn.Close()
}

func (c *roomConn) Write(p []byte) (int, error) {
	if !c.wrote.Swap(true) && c.onFirstWrite != nil && strings.HasPrefix(string(p), exercises.Joined) {
		c.onFirstWrite() // other Writes on this connection are not held up
	}
	return c.Conn.Write(p)
}

func (c *roomConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if err != nil && c.l.holding.Load() {
		<-c.l.released
	}
	return n, err
}

// comesLater reads the lines that come on conn within a short wait and says
// whether line number due is among them: a line that comes late was sent
// out of order, one that never comes was dropped.
func comesLater(conn net.Conn, lines *bufio.Reader, due int) bool {
	for {
		conn.SetReadDeadline(time.Now().Add(labtest.Timeout(200 * time.Millisecond)))
		line, err := lines.ReadString('\n')
		var n int
		if _, scanErr := fmt.Sscanf(line, "line %d ", &n); scanErr == nil && n == due {
			return true
		}
		if err != nil {
			return false
		}
	}
}
