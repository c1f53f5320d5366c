//go:build mistake

// Mistake: the room writes each line to every member's connection while it
// holds the room's lock: one member that stops reading fills its buffers,
// that Write blocks, and the whole room stops with it.
// Replaces: lesson04-goroutines/exercises/chat.go
// Test: TestExercise4_ServeChat
// Want: a client that never reads
// Seen: classic
package exercises

import (
	"bufio"
	"net"
	"sync"
)

const Joined = "joined\n"

func ServeChat(ln net.Listener) error {
	var mu sync.Mutex
	members := map[net.Conn]bool{}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		for c := range members {
			c.Close()
		}
	}()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		mu.Lock()
		members[conn] = true
		conn.Write([]byte(Joined))
		mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				mu.Lock()
				delete(members, conn)
				mu.Unlock()
				conn.Close()
			}()
			lines := bufio.NewReader(conn)
			for {
				line, err := lines.ReadBytes('\n')
				if err != nil {
					return
				}
				mu.Lock()
				for c := range members {
					if c != conn {
						c.Write(line)
					}
				}
				mu.Unlock()
			}
		}()
	}
}
