//go:build mistake

// Mistake: each member's outbox holds one line: a burst of lines fills it at
// once, and the room drops lines for members that do read, not only for one
// that stopped reading.
// Replaces: lesson04-goroutines/exercises/chat.go
// Test: TestExercise4_ServeChat
// Want: its outbox is too small
// Seen: blind test of the doc comment
package exercises

import (
	"bufio"
	"net"
	"sync"
)

// Joined is the first line the chat room sends to a client, once it is in the room.
const Joined = "joined\n"

// Exercise 4: a chat room.
//
// ServeChat accepts clients on ln into one room. It sends each new client
// Joined once the client is in the room; from then on, every line a client
// sends (ending in '\n') reaches every other client in the room, unchanged,
// in the order it was sent; not the sender itself. A client that stops
// reading, or that has gone away, must not hold up the others: lines that
// cannot reach it may be dropped for it, or it may be disconnected.
//
// When ln is closed, ServeChat closes every client's connection, waits for
// all its goroutines, and returns nil.
func ServeChat(ln net.Listener) error {
	r := &room{members: map[*member]bool{}}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer r.closeAll()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		m := &member{conn: conn, outbox: make(chan []byte, 1)}
		r.join(m)
		wg.Add(2)
		go func() { defer wg.Done(); m.write() }()
		go func() { defer wg.Done(); r.read(m) }()
	}
}

// A member has its own writer goroutine and a bounded outbox: a slow reader
// fills only its own outbox, and the room never waits for it.
type member struct {
	conn   net.Conn
	outbox chan []byte
}

func (m *member) write() {
	for line := range m.outbox {
		if _, err := m.conn.Write(line); err != nil {
			m.conn.Close()
			for range m.outbox { // drain until the room closes the outbox
			}
			return
		}
	}
}

type room struct {
	mu      sync.Mutex
	members map[*member]bool
}

func (r *room) join(m *member) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.members[m] = true
	m.outbox <- []byte(Joined)
}

func (r *room) leave(m *member) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.members[m] {
		delete(r.members, m)
		close(m.outbox)
		m.conn.Close()
	}
}

func (r *room) closeAll() {
	r.mu.Lock()
	members := make([]*member, 0, len(r.members))
	for m := range r.members {
		members = append(members, m)
	}
	r.mu.Unlock()
	for _, m := range members {
		r.leave(m)
	}
}

// read passes every line from m to the others; it returns when m goes away.
func (r *room) read(m *member) {
	defer r.leave(m)
	lines := bufio.NewReader(m.conn)
	for {
		line, err := lines.ReadBytes('\n')
		if err != nil {
			return
		}
		r.broadcast(m, line)
	}
}

func (r *room) broadcast(from *member, line []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for m := range r.members {
		if m == from {
			continue
		}
		select {
		case m.outbox <- line:
		default: // its outbox is full: it is not reading; drop the line for it
		}
	}
}
