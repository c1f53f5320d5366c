//go:build mistake

// Mistake: splits the request line on spaces and takes the method, path and
// version without counting the fields: a request line with fewer than three
// ("HELLO THERE") makes the connection's goroutine panic, which ends the
// whole program.
// Replaces: lesson04-goroutines/exercises/timepage.go
// Test: TestExercise5_ServeTimePage
// Want: count them before you use them
// Seen: blind test of the doc comment
package exercises

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"
)

// Exercise 5: the article's HTTP time page, done right.
//
// The Russian article on Python 3 sockets (Habr) ends with a small HTTP
// server that shows the date and time at /time.html. This is that page, with
// its bugs fixed.
//
// ServeTimePage is a small HTTP/1.1 server on ln, one goroutine per
// connection, one request per connection (answer with "Connection: close" and
// close). For "GET /time.html" it answers 200 OK with an HTML page that
// contains now().Format(time.RFC1123), with "Content-Type: text/html;
// charset=utf-8" and a Content-Length that is the body's length in bytes.
// Any other path gets 404 Not Found; a request line that is not
// "METHOD PATH HTTP/1.x" gets 400 Bad Request. Both have a short text body
// and a correct Content-Length too. When ln is closed it waits for the
// connections being served and returns nil.
func ServeTimePage(ln net.Listener, now func() time.Time) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			serveHTTP(conn, now)
		}()
	}
}

// maxRequestHead bounds what the server reads of a request (its request line
// and header lines): a client that sends a line without end cannot make it
// hold more than this in memory.
const maxRequestHead = 8 << 10

func serveHTTP(conn net.Conn, now func() time.Time) {
	r := bufio.NewReader(io.LimitReader(conn, maxRequestHead))
	requestLine, err := r.ReadString('\n')
	if err != nil {
		return // gone, or a request line too long: nothing worth an answer
	}
	for { // skip the header lines, up to the empty line
		line, err := r.ReadString('\n')
		if err != nil || strings.TrimRight(line, "\r\n") == "" {
			break
		}
	}
	fields := strings.Split(strings.TrimRight(requestLine, "\r\n"), " ")
	method, path, version := fields[0], fields[1], fields[2]
	switch {
	case !strings.HasPrefix(version, "HTTP/1."):
		respond(conn, "400 Bad Request", "text/plain; charset=utf-8", "bad request\n")
	case method == "GET" && path == "/time.html":
		page := fmt.Sprintf("<!DOCTYPE html>\n<html><body><h1>Время: %s</h1></body></html>\n", now().Format(time.RFC1123))
		respond(conn, "200 OK", "text/html; charset=utf-8", page)
	default:
		respond(conn, "404 Not Found", "text/plain; charset=utf-8", "not found\n")
	}
}

func respond(conn net.Conn, status, contentType, body string) {
	// Content-Length counts bytes, not letters: len(body) (the Cyrillic in
	// the page takes two bytes a letter). The article's bytes(n) would
	// send n zero bytes instead of the digits.
	fmt.Fprintf(conn, "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
		status, contentType, len(body), body)
}
