package exercises_test

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

func TestExercise3_ReadDatagram(t *testing.T) {
	labtest.Exercise(t)
	const section = "Exercise 3: one read, one datagram"
	receiver := labtest.ListenPacket(t)
	sender := labtest.ListenPacket(t)
	// read reads the next datagram, which was sent before: it is waiting.
	const oneRead = "one read is one datagram; do not read again to fill the buffer, as you would a TCP stream"
	type kept struct {
		data []byte // what ReadDatagram returned
		was  string // its bytes then
	}
	var returned []kept
	read := func(size int, sent, hint string) (string, bool) {
		t.Helper()
		receiver.SetReadDeadline(time.Now().Add(labtest.Patience()))
		var data []byte
		var truncated bool
		var err error
		labtest.CallWithin(t, labtest.Patience()+labtest.Timeout(2*time.Second), "ReadDatagram",
			"its socket had a read deadline, which passed: does it go on reading after an error? "+oneRead, func() {
				data, truncated, err = exercises.ReadDatagram(receiver, size)
			})
		failIfNotDone(t, err)
		if err != nil {
			t.Fatalf("ReadDatagram(pc, %d) failed (%v) while the datagram %s was waiting: %s; %s", size, err, sent, hint, readme(section))
		}
		if len(data) > size {
			t.Fatalf("ReadDatagram(pc, %d) returned %d bytes (%.20q…): at most size bytes; return buf[:min(n, size)]; %s", size, len(data), data, readme(section))
		}
		returned = append(returned, kept{data, string(data)})
		return string(data), truncated
	}

	// Three writes are three datagrams, and three reads: never merged, never
	// split, as a TCP stream may (lesson 1).
	send(t, sender, receiver.LocalAddr(), []byte("one"), []byte("two"), []byte("three"))
	for _, want := range []string{"one", "two", "three"} {
		got, truncated := read(100, strconv.Quote(want), oneRead)
		if got != want {
			t.Fatalf("ReadDatagram(pc, 100) returned %q where the datagram %q was next: one read, one datagram, the n bytes ReadFrom returned (buf[:n]); %s",
				got, want, readme(section))
		}
		if truncated {
			t.Fatalf("a %d-byte datagram read into room for 100 was said to be truncated; %s", len(want), readme(section))
		}
	}

	long := bytes.Repeat([]byte("0123456789"), 5)
	send(t, sender, receiver.LocalAddr(), long, []byte("next"), long[:10], nil)
	got, truncated := read(10, "of 50 bytes", oneRead)
	if got != "0123456789" {
		t.Fatalf("a 50-byte datagram read into room for 10 gave %q, want its first 10 bytes; %s", got, readme(section))
	}
	if !truncated {
		t.Fatalf("a 50-byte datagram read into room for 10 was not said to be truncated: read into size+1 bytes; if n > size, "+
			"the datagram did not fit and the rest of it is gone; %s", readme(section))
	}
	got, truncated = read(10, `"next"`, oneRead)
	if got != "next" || truncated {
		t.Fatalf("after a truncated datagram, the next read gave %q (truncated %v), want the next datagram, \"next\": "+
			"the rest of a truncated datagram is lost, not left for the next read; %s", got, truncated, readme(section))
	}
	got, truncated = read(10, "of exactly 10 bytes", oneRead)
	if got != "0123456789" || truncated {
		t.Fatalf("a datagram of exactly 10 bytes read into room for 10 gave %q, truncated %v; want all of it, not truncated: "+
			"with room for size bytes only, n == size cannot tell a datagram that fits from one that did not; read into size+1; %s",
			got, truncated, readme(section))
	}
	got, truncated = read(10, "that is empty", "an empty datagram is a datagram (n == 0): return it, empty, with no error")
	if got != "" || truncated {
		t.Fatalf("an empty datagram gave %q, truncated %v; want nothing, not truncated; %s", got, truncated, readme(section))
	}

	// The room is size+1 bytes, however large or small size is.
	big := bytes.Repeat([]byte("0123456789"), 2_000)
	send(t, sender, receiver.LocalAddr(), big, []byte("abc"))
	got, truncated = read(65_507, "of 20,000 bytes", oneRead)
	if got != string(big) || truncated {
		t.Fatalf("a 20,000-byte datagram read into room for 65,507 gave %d bytes, truncated %v; want all of it, not truncated: "+
			"read into room for size+1 bytes, not into a buffer of a size of your own; %s", len(got), truncated, readme(section))
	}
	got, truncated = read(0, `"abc"`, oneRead)
	if got != "" || !truncated {
		t.Fatalf("a 3-byte datagram read into room for 0 gave %q, truncated %v; want nothing, truncated: read into room for size+1 bytes, "+
			"so that even size 0 leaves a byte to show that the datagram was longer; %s", got, truncated, readme(section))
	}

	// What it returned is the caller's: later calls do not change it.
	for _, k := range returned {
		if string(k.data) != k.was {
			t.Fatalf("the bytes ReadDatagram returned for one datagram, %.20q, became %.20q after later calls: it returns a slice of a buffer it reuses; "+
				"make a new buffer in each call, since the caller keeps what you return; %s", k.was, k.data, readme(section))
		}
	}
}
