package exercises_test

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

func TestExercise1_ServeEcho(t *testing.T) {
	labtest.Exercise(t)
	pc := labtest.ListenPacket(t)
	served := make(chan error, 1)
	go func() { served <- exercises.ServeEcho(pc) }()

	first := labtest.Dial(t, pc.LocalAddr())
	_, err := first.Write([]byte("ping"))
	require.NoError(t, err)
	require.Equal(t, "ping", string(answerOrReturn(t, first, served, "ServeEcho")))

	// Then three clients at once: each gets its own answers, in its own order.
	datagrams := [][]byte{
		[]byte("ping"),
		nil,                                     // empty: still a datagram
		[]byte("\x00\xff\r\nbinary"),            // bytes, not text
		bytes.Repeat([]byte("0123456789"), 204), // 2,040 bytes
	}
	var wg sync.WaitGroup
	for c := byte('A'); c <= 'C'; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := labtest.Dial(t, pc.LocalAddr())
			buf := make([]byte, 4096)
			for i, d := range datagrams {
				if d != nil {
					d = append([]byte{c}, d...) // which client sent it
				}
				if _, err := client.Write(d); err != nil {
					t.Errorf("client %c: %v", c, err)
					return
				}
				client.SetReadDeadline(time.Now().Add(labtest.Patience()))
				n, err := client.Read(buf)
				if err != nil {
					t.Errorf("client %c, datagram %d (%d bytes): no answer: %v", c, i, len(d), err)
					return
				}
				if !bytes.Equal(d, buf[:n]) {
					t.Errorf("client %c, datagram %d: sent %d bytes %.24q, got back %d bytes %.24q", c, i, len(d), d, n, buf[:n])
					return
				}
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	pc.Close()
	require.NoError(t, returns(t, served, "ServeEcho after its socket was closed"))
}
