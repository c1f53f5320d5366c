package exercises_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

func TestExercise3_ReadDatagram(t *testing.T) {
	labtest.Exercise(t)
	receiver := labtest.ListenPacket(t)
	sender := labtest.ListenPacket(t)
	read := func(size int) (string, bool) {
		t.Helper()
		receiver.SetReadDeadline(time.Now().Add(labtest.Patience()))
		data, truncated, err := exercises.ReadDatagram(receiver, size)
		require.NoError(t, err)
		return string(data), truncated
	}

	// Three writes are three datagrams, and three reads: never merged, never
	// split, as a TCP stream may (lesson 1).
	send(t, sender, receiver.LocalAddr(), []byte("one"), []byte("two"), []byte("three"))
	for _, want := range []string{"one", "two", "three"} {
		got, truncated := read(100)
		require.Equal(t, want, got, "one read, one datagram")
		require.False(t, truncated)
	}

	long := bytes.Repeat([]byte("0123456789"), 5)
	send(t, sender, receiver.LocalAddr(), long, []byte("next"), long[:10], nil)
	got, truncated := read(10)
	require.Equal(t, "0123456789", got, "the first 10 bytes of a 50-byte datagram")
	require.True(t, truncated, "50 bytes into room for 10: truncated")
	got, truncated = read(10)
	require.Equal(t, "next", got, "the rest of a truncated datagram is lost, not left for the next read")
	require.False(t, truncated)
	got, truncated = read(10)
	require.Equal(t, "0123456789", got)
	require.False(t, truncated, "exactly 10 bytes fit in room for 10")
	got, truncated = read(10)
	require.Equal(t, "", got, "an empty datagram")
	require.False(t, truncated)
}
