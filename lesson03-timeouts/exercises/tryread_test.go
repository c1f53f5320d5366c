package exercises_test

import (
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson03-timeouts/exercises"
)

var tryReadHint = see("Exercise 4: poll without blocking")

// atOnce is how long, at most, a poll may wait on the fake clock: "a
// millisecond or so".
const atOnce = 10 * time.Millisecond

func TestExercise4_TryRead(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("on a fake clock: no data, data waiting, no deadline left, the peer closes", func(t *testing.T) {
		onFakeClock(t, "TryRead", func(t *testing.T, g *guard) {
			client, server := fakePipe(t, g)
			buf := make([]byte, 64)
			tryRead := func(what string) (int, time.Duration, error) {
				t.Helper()
				var n int
				var err error
				start := time.Now()
				labtest.CallWithin(t, time.Hour, "TryRead "+what, "it blocks: set a read deadline a moment ahead, "+tryReadHint, func() {
					n, err = exercises.TryRead(server, buf)
				})
				labtest.FailIfNotDone(t, "TryRead", err)
				return n, time.Since(start), err
			}

			// Nothing has arrived: ErrNoDataYet, at once.
			n, took, err := tryRead("with nothing to read")
			switch {
			case err == nil && n == 0:
				t.Fatalf("TryRead returned 0 bytes and no error when nothing had arrived: return ErrNoDataYet (a timeout is not an empty read), %s", tryReadHint)
			case errors.Is(err, os.ErrDeadlineExceeded):
				t.Fatalf("TryRead returned %q when nothing had arrived: turn the timeout into ErrNoDataYet, %s", err, tryReadHint)
			case !errors.Is(err, exercises.ErrNoDataYet):
				t.Fatalf("TryRead returned (%d, %v) when nothing had arrived, want (0, ErrNoDataYet), %s", n, err, tryReadHint)
			case n != 0:
				t.Fatalf("TryRead returned ErrNoDataYet with n = %d, want 0, %s", n, tryReadHint)
			case took > atOnce:
				t.Fatalf("TryRead waited %v for data that was not there: a poll returns at once (after a millisecond or so), so that the game loop goes on, %s", took, tryReadHint)
			}
			requireNoDeadlineLeft(t, "TryRead", "after it found nothing", client, server, tryReadHint)

			// Data waiting: returned on the first try, at once.
			go client.Write([]byte("move 3 4"))
			synctest.Wait() // the bytes are there: the writer waits for a reader
			n, took, err = tryRead("with data waiting")
			if errors.Is(err, exercises.ErrNoDataYet) {
				t.Fatalf("TryRead returned ErrNoDataYet although \"move 3 4\" was waiting: a deadline in the past (or time.Now()) fails every Read, even with data there; set it a moment ahead, time.Now().Add(time.Millisecond), %s", tryReadHint)
			}
			require.NoError(t, err, "TryRead with data waiting, %s", tryReadHint)
			require.Equal(t, "move 3 4", string(buf[:n]), "the bytes TryRead returned, %s", tryReadHint)
			require.LessOrEqual(t, took, atOnce, "TryRead took %v with data waiting", took)
			requireNoDeadlineLeft(t, "TryRead", "after it returned data", client, server, tryReadHint)

			// The peer closes: io.EOF, not "no data yet".
			client.Close()
			n, _, err = tryRead("after the peer closed")
			if errors.Is(err, exercises.ErrNoDataYet) {
				t.Fatalf("TryRead returned ErrNoDataYet after the peer closed: io.EOF means closed, and no data will ever come; return it, so the game loop can stop polling, %s", tryReadHint)
			}
			require.ErrorIs(t, err, io.EOF, "TryRead after the peer closed, %s", tryReadHint)
			require.Zero(t, n)
		})
	})
	if !ok {
		return
	}

	ok = t.Run("a dead connection is an error, not \"no data yet\"", func(t *testing.T) {
		dead := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ETIMEDOUT)}
		var err error
		labtest.Call(t, "TryRead on a dead connection", tryReadHint, func() {
			_, err = exercises.TryRead(&deadConn{err: dead}, make([]byte, 64))
		})
		if errors.Is(err, exercises.ErrNoDataYet) {
			t.Fatalf("TryRead returned ErrNoDataYet when Read failed with %q (the peer stopped acknowledging): the game loop would poll a dead connection forever. Timeout() is true for more than deadlines; check errors.Is(err, os.ErrDeadlineExceeded), %s", dead, tryReadHint)
		}
		require.ErrorIs(t, err, syscall.ETIMEDOUT, "TryRead must return any other error as it is, %s", tryReadHint)
	})
	if !ok {
		return
	}

	ok = t.Run("the bytes that come with io.EOF are data too", func(t *testing.T) {
		conn := &deadConn{lines: "bye", err: io.EOF, together: true}
		buf := make([]byte, 64)
		var n int
		var err error
		labtest.Call(t, "TryRead on a connection whose last Read brings data and io.EOF", tryReadHint, func() {
			n, err = exercises.TryRead(conn, buf)
		})
		if n == 0 && errors.Is(err, io.EOF) {
			t.Fatalf("TryRead returned (0, io.EOF) when Read returned the 3 bytes %q together with io.EOF: it dropped the bytes that came with io.EOF; a Read may return data and an error in the same call, so return n too, %s", "bye", tryReadHint)
		}
		if err != nil && !errors.Is(err, io.EOF) {
			t.Fatalf("TryRead returned (%d, %v) when Read returned %q with io.EOF, %s", n, err, "bye", tryReadHint)
		}
		require.Equal(t, "bye", string(buf[:n]), "the bytes TryRead returned, %s", tryReadHint)
	})
	if !ok {
		return
	}

	t.Run("on a real connection: a game loop polls until the data is there", func(t *testing.T) {
		client, server := labtest.Pair(t)
		buf := make([]byte, 64)
		var n int
		var err error
		labtest.Call(t, "TryRead with nothing to read", "it blocks: set a read deadline a moment ahead, "+tryReadHint, func() {
			n, err = exercises.TryRead(server, buf)
		})
		require.ErrorIs(t, err, exercises.ErrNoDataYet, "TryRead with nothing to read, %s", tryReadHint)
		require.Zero(t, n)

		_, err = client.Write([]byte("move 3 4"))
		require.NoError(t, err)
		require.Equal(t, "move 3 4", pollUntil(t, server, buf, nil))
		client.Close()
		pollUntil(t, server, buf, io.EOF)
	})
}

// pollUntil calls TryRead until it returns data (want nil) or the error want,
// for at most Patience, and returns the data.
func pollUntil(t *testing.T, conn net.Conn, buf []byte, want error) string {
	t.Helper()
	deadline := time.Now().Add(labtest.Patience())
	for time.Now().Before(deadline) {
		var n int
		var err error
		labtest.Call(t, "TryRead", "it blocks: set a read deadline a moment ahead, "+tryReadHint, func() { n, err = exercises.TryRead(conn, buf) })
		switch {
		case errors.Is(err, exercises.ErrNoDataYet):
			continue
		case want == nil:
			require.NoError(t, err)
			return string(buf[:n])
		default:
			require.ErrorIs(t, err, want)
			return ""
		}
	}
	t.Fatalf("TryRead kept returning ErrNoDataYet for %v, %s", labtest.Patience(), tryReadHint)
	return ""
}
