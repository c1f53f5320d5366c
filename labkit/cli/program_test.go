package cli_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
)

// A program with one flag of each kind, as a lesson's main defines them.
func testProgram() (p *cli.Program, n *int, d *time.Duration) {
	p = cli.NewProgram("lesson09 client", "lesson09-test/client", "sends things, to test the flags")
	var addr, msg string
	var echo bool
	n, d = new(int), new(time.Duration)
	p.AddrVar(&addr, "127.0.0.1:10001", false, "`host:port` of the server")
	p.StringVar(&msg, "msg", "ping", "the message to send")
	p.BoolVar(&echo, "echo", false, "wait for the echo")
	p.IntVar(n, "c", 10, cli.Between(1, 100), "run `N` clients at once")
	p.DurationVar(d, "timeout", 2*time.Second, cli.Between(time.Millisecond, time.Hour), "how long to wait")
	return p, n, d
}

func TestProgram_AcceptsValuesInRange(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		wantN int
		wantD time.Duration
	}{
		{nil, 10, 2 * time.Second}, // the defaults
		{[]string{"-c", "1", "-timeout", "1ms"}, 1, time.Millisecond},
		{[]string{"-c=100", "-timeout=1h"}, 100, time.Hour},
		{[]string{"-c", "0x10", "-timeout", "1m30s"}, 16, 90 * time.Second},
	} {
		p, n, d := testProgram()
		require.NoError(t, p.ParseArgs(tc.args), "%q", tc.args)
		require.Equal(t, tc.wantN, *n, "%q", tc.args)
		require.Equal(t, tc.wantD, *d, "%q", tc.args)
	}
}

func TestProgram_RefusesBadValuesInOneLine(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-c", "0"}, `bad -c "0": want a whole number from 1 to 100`},
		{[]string{"-c", "-5"}, `bad -c "-5": want a whole number from 1 to 100`},
		{[]string{"-c", "101"}, `bad -c "101": want a whole number from 1 to 100`},
		{[]string{"-c", "ten"}, `bad -c "ten": want a whole number from 1 to 100`},
		{[]string{"-c", "99999999999999999999"}, `bad -c "99999999999999999999": want a whole number from 1 to 100`},
		{[]string{"-timeout", "5"}, `bad -timeout "5": durations need a unit, like 5s or 100ms (from 1ms to 1h)`},
		{[]string{"-timeout", "0.5"}, `bad -timeout "0.5": durations need a unit`},
		{[]string{"-timeout", "0"}, `bad -timeout "0": want a duration from 1ms to 1h`},
		{[]string{"-timeout", "-1s"}, `bad -timeout "-1s": want a duration from 1ms to 1h`},
		{[]string{"-timeout", "2h"}, `bad -timeout "2h": want a duration from 1ms to 1h`},
		{[]string{"-timeout", "soon"}, `bad -timeout "soon": want a duration like 5s or 100ms, from 1ms to 1h`},
		{[]string{"-addr", "10001"}, `bad -addr "10001"`},
		{[]string{"-c", "5", "-c", "500"}, `bad -c "500"`},
		{[]string{"-timeout", "5", "-c", "0"}, `bad -timeout "5"`}, // the first mistake
		{[]string{"-count", "5"}, "flag provided but not defined: -count (-h lists every flag)"},
		{[]string{"-c"}, "flag needs an argument: -c (-h lists every flag)"},
		{[]string{"hello"}, `unexpected argument "hello": this program takes only flags`},
	} {
		p, _, _ := testProgram()
		err := p.ParseArgs(tc.args)
		require.Error(t, err, "%q", tc.args)
		line, code := cli.Explain(err)
		require.Equal(t, cli.ExitUsage, code, "%q: %s", tc.args, line)
		require.Contains(t, line, tc.want, "%q", tc.args)
		require.NotContains(t, line, "\n", "one line")
	}
}

func TestProgram_Help(t *testing.T) {
	p, _, _ := testProgram()
	require.ErrorIs(t, p.ParseArgs([]string{"-h"}), flag.ErrHelp)
	var help strings.Builder
	p.Help(&help)
	lines := strings.Split(help.String(), "\n")
	require.Equal(t, "lesson09 client: sends things, to test the flags", lines[0], "what the program is, first")
	require.Contains(t, help.String(), "usage: go run ../../lesson09-test/client [flags]\n", "the command from this test's folder, labkit/cli")
	for _, want := range []string{
		"  -addr host:port\n    \thost:port of the server (default 127.0.0.1:10001)\n",
		"  -c N\n    \trun N clients at once (1 to 100; default 10)\n",
		"  -echo\n    \twait for the echo\n",
		"  -msg string\n    \tthe message to send (default ping)\n",
		"  -timeout duration\n    \thow long to wait (1ms to 1h; default 2s)\n",
	} {
		require.Contains(t, help.String(), want)
	}
}

func TestProgram_DefaultOutsideItsRangeIsTheLabsMistake(t *testing.T) {
	p := cli.NewProgram("lesson09 server", "lesson09-test/server", "tests")
	var n int
	require.PanicsWithValue(t, "lesson09 server: the default of -n is outside its own range", func() {
		p.IntVar(&n, "n", 0, cli.Between(1, 10), "how many")
	})
}

func TestShowDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "1h", 10 * time.Minute: "10m", 90 * time.Second: "1m30s", 5 * time.Second: "5s",
		100 * time.Millisecond: "100ms", 90 * time.Minute: "1h30m", time.Hour + time.Second: "1h0m1s", 0: "0s",
	} {
		require.Equal(t, want, cli.ShowDuration(d))
	}
}

// The command printed is right for the folder the program was started in.
func TestRunPath(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.work"), []byte("go 1.26.0\n\nuse (\n\t./labkit\n\t./lesson01-basic\n)\n"), 0o644))
	for _, dir := range []string{"lesson01-basic/client", "lesson01-basic/exercises", "labkit/cli"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, dir), 0o755))
	}
	for _, tc := range []struct{ wd, want string }{
		{"", "./lesson01-basic/client"},
		{"lesson01-basic", "./client"},
		{"lesson01-basic/exercises", "../client"},
		{"lesson01-basic/client", "."},
		{"labkit/cli", "../../lesson01-basic/client"},
	} {
		wd := filepath.Join(root, filepath.FromSlash(tc.wd))
		got := cli.RunPath(wd, "lesson01-basic/client")
		require.Equal(t, tc.want, got, "from %s", tc.wd)
		require.DirExists(t, filepath.Join(wd, filepath.FromSlash(got)), "the path leads to the program from %s", tc.wd)
	}
	outside := t.TempDir() // no lab above it: the command for the lab's root
	require.Equal(t, "./lesson01-basic/client", cli.RunPath(outside, "lesson01-basic/client"))
}
