package logpace_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"socketlab/labkit/logpace"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// lockedBuilder is what a test's output is: safe for the timer's goroutine too.
type lockedBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuilder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestWriter_ShowsEveryLineAtAHumanPace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &lockedBuilder{}
		w := logpace.New(out)
		var want strings.Builder
		for i := range 3 * logpace.Limit {
			fmt.Fprintf(w, "line %d\n", i)
			fmt.Fprintf(&want, "line %d\n", i)
			time.Sleep(time.Second / logpace.Limit)
		}
		require.NoError(t, w.Close())
		require.Equal(t, want.String(), out.String())
	})
}

func TestWriter_CountsAFloodOnceASecond(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &lockedBuilder{}
		w := logpace.New(out)
		for i := range 1000 {
			fmt.Fprintf(w, "line %d\n", i)
		}
		lines := strings.Split(out.String(), "\n")
		require.Len(t, lines, logpace.Limit+1, "the first Limit lines, then nothing yet")
		require.Equal(t, fmt.Sprintf("line %d", logpace.Limit-1), lines[logpace.Limit-1])

		time.Sleep(time.Second) // the second is over: the timer counts what was held back
		synctest.Wait()
		require.True(t, strings.HasSuffix(out.String(), fmt.Sprintf("… %d more lines not shown (at most %d a second)\n", 1000-logpace.Limit, logpace.Limit)), out.String())

		// The next second starts afresh, and Close counts what is left.
		for i := range logpace.Limit + 1 {
			fmt.Fprintf(w, "again %d\n", i)
		}
		require.NoError(t, w.Close())
		require.True(t, strings.HasSuffix(out.String(), fmt.Sprintf("again %d\n… 1 more line not shown (at most %d a second)\n", logpace.Limit-1, logpace.Limit)), out.String())
		require.Equal(t, 2*logpace.Limit+2, strings.Count(out.String(), "\n"))

		fmt.Fprintln(w, "after Close")
		require.True(t, strings.HasSuffix(out.String(), "after Close\n"), "after Close every line is shown")
	})
}

// A flood that goes on: each second shows Limit lines and one count.
func TestWriter_ALongFloodStaysBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &lockedBuilder{}
		w := logpace.New(out)
		for range 10 * 1000 {
			fmt.Fprintln(w, "x")
			time.Sleep(time.Millisecond) // 1000 lines a second, for 10 seconds
		}
		require.NoError(t, w.Close())
		got := out.String()
		require.LessOrEqual(t, strings.Count(got, "\n"), 10*(logpace.Limit+1)+1)
		total := strings.Count(got, "x\n")
		for _, line := range strings.Split(got, "\n") {
			var n int
			if _, err := fmt.Sscanf(line, "… %d more lines not shown", &n); err == nil {
				total += n
			}
		}
		require.Equal(t, 10*1000, total, "every line is shown or counted")
	})
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ping 1", `"ping 1"`},
		{"ffff\r\n", `"ffff\r\n"`},
		{"\x00\xff\x1b[2J", `"\x00\xff\x1b[2J"`},
		{"привет", `"привет"`},
		{"\u202eevil", `"\u202eevil"`}, // right-to-left override: escaped, not obeyed
		{strings.Repeat("a", logpace.Shown), `"` + strings.Repeat("a", logpace.Shown) + `"`},
		{strings.Repeat("a", logpace.Shown+1), `"` + strings.Repeat("a", logpace.Shown) + `"…`},
	} {
		require.Equal(t, tc.want, logpace.Quote(tc.in), "Quote(%q)", tc.in)
		require.Equal(t, tc.want, logpace.Quote([]byte(tc.in)), "Quote([]byte(%q))", tc.in)
	}
}

func FuzzQuote(f *testing.F) {
	f.Add([]byte("ping 1"))
	f.Add([]byte("\xff\xfe\x00\x1b[31mпривет\u202e"))
	f.Add([]byte(strings.Repeat("я", 100)))
	f.Fuzz(func(t *testing.T, data []byte) {
		q := logpace.Quote(data)
		require.LessOrEqual(t, len(q), 120+len("…"))
		require.True(t, utf8.ValidString(q))
		for _, r := range q {
			require.False(t, r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0), "a control character %U in %s", r, q)
		}
		shown, cut := strings.CutSuffix(q, "…")
		var back string
		_, err := fmt.Sscanf(shown, "%q", &back)
		require.NoError(t, err, shown)
		require.True(t, strings.HasPrefix(string(data), back), "Quote shows the bytes data starts with")
		require.Equal(t, cut, len(back) < len(data), "… exactly when data was cut")
		require.True(t, len(back) > 0 || len(data) == 0, "it shows something")

		within := logpace.QuoteWithin(data, 60)
		require.LessOrEqual(t, utf8.RuneCountInString(within), 60, "QuoteWithin: %s", within)
		shown, _ = strings.CutSuffix(within, "…")
		_, err = fmt.Sscanf(shown, "%q", &back)
		require.NoError(t, err, shown)
		require.True(t, strings.HasPrefix(string(data), back), "QuoteWithin shows the bytes data starts with")
	})
}
