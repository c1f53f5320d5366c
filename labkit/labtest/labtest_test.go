package labtest

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestTimeoutScales(t *testing.T) {
	t.Setenv(ScaleEnv, "")
	require.Equal(t, 20*time.Millisecond, Timeout(20*time.Millisecond))
	t.Setenv(ScaleEnv, "2.5")
	require.Equal(t, 50*time.Millisecond, Timeout(20*time.Millisecond))
	t.Setenv(ScaleEnv, "fast")
	require.Panics(t, func() { Timeout(time.Second) })
}

func TestOutputWaitsForText(t *testing.T) {
	out := &Output{}
	go func() {
		out.Write([]byte("waiting for a "))
		out.Write([]byte("connection\n"))
	}()
	out.WaitFor(t, "a connection")
	require.Equal(t, "waiting for a connection\n", out.String())
	out.WaitForAfter(t, out.Len()-len("connection\n"), "connection")
	err := out.wait(out.Len(), "connection", time.Millisecond)
	require.EqualError(t, err, `waited 1ms for the output to contain "connection"`)
}

func TestAddressesNormalizes(t *testing.T) {
	server := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 41234}
	got := Addresses(server)("listening on 127.0.0.1:41234, nc 127.0.0.1 41234\nclient 127.0.0.1:51000\nsent 412345 bytes\n")
	require.Equal(t, "listening on 127.0.0.1:PORT, nc 127.0.0.1 PORT\nclient 127.0.0.1:CLIENT\nsent 412345 bytes\n", got)
}

func TestGoldenComparesAndUpdatesTheReadme(t *testing.T) {
	chdir(t, t.TempDir())
	readme := "# x\n<!-- golden: testdata/a.golden -->\n```text\nold\n```\nafter\n"
	require.NoError(t, os.WriteFile("README.md", []byte(readme), 0o644))

	t.Setenv(UpdateEnv, "1")
	Golden(t, "a", "new line\n")
	got, err := os.ReadFile(filepath.Join("testdata", "a.golden"))
	require.NoError(t, err)
	require.Equal(t, "new line\n", string(got))
	updated, err := os.ReadFile("README.md")
	require.NoError(t, err)
	require.Equal(t, "# x\n<!-- golden: testdata/a.golden -->\n```text\nnew line\n```\nafter\n", string(updated))

	t.Setenv(UpdateEnv, "")
	Golden(t, "a", "new line\n") // equal: passes
	CheckReadme(t, "README.md", 1)

	require.False(t, runsClean(func(t testing.TB) { CheckReadme(t, "README.md", 2) }), "too few transcripts must fail")
}

func TestGoldenFailsOnADifference(t *testing.T) {
	chdir(t, t.TempDir())
	require.NoError(t, os.Mkdir("testdata", 0o755))
	require.NoError(t, os.WriteFile("testdata/a.golden", []byte("one\ntwo\n"), 0o644))
	require.False(t, runsClean(func(t testing.TB) { Golden(t, "a", "one\nthree\n") }))
	require.True(t, runsClean(func(t testing.TB) { Golden(t, "a", "one\ntwo\n") }))
}

// recorder stands in for a *testing.T in a test of a test helper: it records
// failures instead of failing the real test.
type recorder struct {
	testing.TB // only the methods below are called
	failed     bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true; runtime.Goexit() }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; runtime.Goexit() }

// runsClean runs f with a recorder, in a goroutine of its own so that a Fatal
// ends only f, and says whether it passed.
func runsClean(f func(t testing.TB)) bool {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return !r.failed
}

// chdir is t.Chdir for Go before 1.24.
func chdir(t *testing.T, dir string) {
	old, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	t.Cleanup(func() { os.Chdir(old) })
}

func TestRequireClosed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	require.False(t, runsClean(func(t testing.TB) { RequireClosed(t, ln) }), "an open listener must fail")
	ln.Close()
	require.True(t, runsClean(func(t testing.TB) { RequireClosed(t, ln) }))
}

func TestCallReportsAHang(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	ft := &fakeT{TB: t}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		CallWithin(ft, time.Millisecond, "ReadAll", "it does not stop at io.EOF", func() { <-block })
	}()
	<-finished
	require.Contains(t, ft.msg, "ReadAll did not return within 1ms: it does not stop at io.EOF")
}

func TestCallReportsAPanic(t *testing.T) {
	ft := &fakeT{TB: t}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		Call(ft, "ReadAll", "", func() { var m map[string]int; m["x"] = 1 })
	}()
	<-finished
	require.Contains(t, ft.msg, "ReadAll panicked: assignment to entry in nil map")
}

func TestGoTurnsAPanicIntoAnError(t *testing.T) {
	err := Receive(t, Go(func() error { panic("boom") }), "the call", "")
	require.ErrorContains(t, err, "panicked: boom")
	require.NoError(t, Receive(t, Go(func() error { return nil }), "the call", ""))
}

func TestReceiveReportsNothing(t *testing.T) {
	ft := &fakeT{TB: t}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		ReceiveWithin(ft, time.Millisecond, make(chan int), "the answer", "the server never writes it")
	}()
	<-finished
	require.Contains(t, ft.msg, "the answer did not happen within 1ms: the server never writes it")
}

// fakeT records a Fatalf and ends its goroutine, as testing.T does.
type fakeT struct {
	testing.TB
	msg string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
