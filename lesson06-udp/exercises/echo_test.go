package exercises_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

func TestExercise1_ServeEcho(t *testing.T) {
	labtest.Exercise(t)
	const section = "Exercise 1: an echo server with ReadFrom and WriteTo"
	pc := labtest.ListenPacket(t)
	served := labtest.Go(func() error { return exercises.ServeEcho(pc) })

	first := labtest.Dial(t, pc.LocalAddr())
	_, err := first.Write([]byte("ping"))
	require.NoError(t, err)
	if p := echoProblem("the first client", []byte("ping"), answerOrReturn(t, first, served, "ServeEcho"), nil); p != "" {
		t.Fatalf("%s; %s", p, readme(section))
	}

	// Then three clients at once: each gets its own answers, in its own order.
	datagrams := [][]byte{
		[]byte("ping"),
		nil,                                     // empty: still a datagram
		[]byte("\x00\xff\r\nbinary "),           // bytes, not text
		bytes.Repeat([]byte("0123456789"), 204), // 2,040 bytes
	}
	var wg sync.WaitGroup
	problems := make(chan string, 3)
	for c := byte('A'); c <= 'C'; c++ {
		wg.Go(func() {
			client := labtest.Dial(t, pc.LocalAddr())
			buf := make([]byte, 4096)
			for _, d := range datagrams {
				if d != nil {
					d = append([]byte{c}, d...) // which client sent it
				}
				if _, err := client.Write(d); err != nil {
					problems <- fmt.Sprintf("client %c: sending %d bytes: %v", c, len(d), err)
					return
				}
				client.SetReadDeadline(time.Now().Add(labtest.Patience()))
				n, err := client.Read(buf)
				if p := echoProblem(fmt.Sprintf("client %c", c), d, buf[:n], err); p != "" {
					problems <- p
					return
				}
			}
		})
	}
	wg.Wait() // every Read has a deadline
	close(problems)
	for p := range problems {
		t.Errorf("%s; %s", p, readme(section))
	}
	if t.Failed() {
		return
	}
	pc.Close()
	err = returns(t, served, "ServeEcho, after its socket was closed,", "return when ReadFrom fails; "+readme(section))
	require.NoError(t, err, "closing the socket is the normal end: return nil when ReadFrom's error matches net.ErrClosed (%s)", readme(section))
}

// echoProblem says what is wrong with the answer got (and err, its Read's
// error) to the datagram sent by who, in the student's terms; "" if nothing.
func echoProblem(who string, sent, got []byte, err error) string {
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded) && len(sent) == 0:
		return fmt.Sprintf("%s sent an empty datagram and got no answer within %v: an empty datagram is a datagram too; "+
			"send back buf[:n] even when n is 0", who, labtest.Patience())
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Sprintf("%s got no answer to its %d bytes within %v: send each answer to the address the datagram came from "+
			"(pc.WriteTo(buf[:n], from)), not to a fixed one, and go on reading after each", who, len(sent), labtest.Patience())
	case err != nil:
		return fmt.Sprintf("%s, reading its answer: %v", who, err)
	case len(got) > 0 && len(sent) > 0 && got[0] != sent[0] && got[0] >= 'A' && got[0] <= 'C':
		return fmt.Sprintf("%s got client %c's datagram: answer each datagram to the address it came from, the from of its own ReadFrom", who, got[0])
	case bytes.Equal(got, sent):
		return ""
	case len(got) > len(sent):
		return fmt.Sprintf("%s sent %d bytes and got %d back: send back buf[:n], the n bytes ReadFrom returned, not the whole buffer", who, len(sent), len(got))
	case len(got) < len(sent) && bytes.HasPrefix(sent, got) && len(sent) > 1024:
		return fmt.Sprintf("%s sent %d bytes and got only the first %d back: the rest was cut off: is the buffer too small? "+
			"datagrams up to 2,048 bytes come back whole", who, len(sent), len(got))
	}
	return fmt.Sprintf("%s sent %q and got back %q: send back the bytes unchanged, as bytes, not as text", who, sent, got)
}
