package exercises

import (
	"net"
	"time"

	"socketlab/labkit/exercise"
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
	return exercise.NotDone("lesson04-goroutines", 5, "Exercise 5: the article's HTTP time page, done right")
}
