package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/solutions/internal/grading/sandbox"
)

// The test binary plays three parts: the tests; the sandbox's init (Init);
// and, with SANDBOX_TEST_ROLE set, the program run inside the sandbox, which
// reports what it can see and do.
func TestMain(m *testing.M) {
	sandbox.Init()
	if role := os.Getenv("SANDBOX_TEST_ROLE"); role != "" {
		os.Exit(inside(role))
	}
	os.Exit(m.Run())
}

// requireSandbox skips a test where the kernel gives no sandbox, saying so;
// with SOCKETLAB_REQUIRE_SANDBOX=1 (CI) it fails instead.
func requireSandbox(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := sandbox.Check(root); err != nil {
		if os.Getenv("SOCKETLAB_REQUIRE_SANDBOX") == "1" {
			t.Fatalf("no sandbox on this machine, and SOCKETLAB_REQUIRE_SANDBOX=1: %v", err)
		}
		t.Skipf("NO SANDBOX on this machine, so this test proves nothing here: %v", err)
	}
	return root
}

// program copies this test binary where the sandbox's program user may run
// it, and returns its path.
func program(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.Chmod(dir, 0o755))
	path := filepath.Join(dir, "inside.test")
	data, err := os.ReadFile(self)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o755))
	return path
}

// report is what the program inside saw.
type report struct {
	UID, PID      int
	Hostname      string
	CapEff        string
	NoNewPrivs    string
	Processes     []string // the PIDs in /proc
	Interfaces    []string
	LoopbackWorks bool
	OpenFDs       []string
	Env           []string
	Visible       map[string]bool   // path -> can stat it
	Writable      map[string]string // path -> error writing it ("" if it could)
	Mount         string            // error mounting a tmpfs
	NestedUserNS  string            // error making a user namespace
	CacheRead     string            // what the build cache's entry holds
	CacheWrite    string            // error writing a new cache entry
}

func inside(role string) int {
	switch role {
	case "report":
		r := report{UID: os.Getuid(), PID: os.Getpid(), Visible: map[string]bool{}, Writable: map[string]string{}, Env: os.Environ()}
		r.Hostname, _ = os.Hostname()
		status, _ := os.ReadFile("/proc/self/status")
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "CapEff:"); ok {
				r.CapEff = strings.TrimSpace(v)
			}
			if v, ok := strings.CutPrefix(line, "NoNewPrivs:"); ok {
				r.NoNewPrivs = strings.TrimSpace(v)
			}
		}
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			if _, err := strconv.Atoi(e.Name()); err == nil {
				r.Processes = append(r.Processes, e.Name())
			}
		}
		ifaces, _ := net.Interfaces()
		for _, i := range ifaces {
			r.Interfaces = append(r.Interfaces, i.Name+" "+i.Flags.String())
		}
		if ln, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
			if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
				r.LoopbackWorks = true
				c.Close()
			}
			ln.Close()
		}
		fds, _ := os.ReadDir("/proc/self/fd")
		for _, fd := range fds {
			target, _ := os.Readlink("/proc/self/fd/" + fd.Name())
			r.OpenFDs = append(r.OpenFDs, fd.Name()+" "+target)
		}
		for _, p := range strings.Split(os.Getenv("SANDBOX_TEST_LOOK"), ":") {
			if p != "" {
				_, err := os.Stat(p)
				r.Visible[p] = err == nil
			}
		}
		for _, p := range strings.Split(os.Getenv("SANDBOX_TEST_WRITE"), ":") {
			if p != "" {
				r.Writable[p] = errString(os.WriteFile(p, []byte("x"), 0o644))
			}
		}
		r.Mount = errString(syscall.Mount("tmpfs", "/tmp", "tmpfs", 0, ""))
		entry, _ := os.ReadFile(sandbox.GoCacheInside + "/ab/entry")
		r.CacheRead = string(entry)
		r.CacheWrite = errString(os.WriteFile(sandbox.GoCacheInside+"/ab/new", []byte("mine"), 0o644))
		cmd := exec.Command("/proc/self/exe")
		cmd.Env = []string{"SANDBOX_TEST_ROLE=exit0"}
		cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER}
		r.NestedUserNS = errString(cmd.Run())
		json.NewEncoder(os.Stdout).Encode(r)
		return 0
	case "exit0":
		return 0
	case "unprivileged-grader":
		// A grader that is not root: it sandboxes a report.
		self, _ := os.Executable()
		root := os.Getenv("SANDBOX_TEST_ROOT")
		if err := sandbox.Check(root); err != nil {
			fmt.Println("check:", err)
			return 1
		}
		var out bytes.Buffer
		err := sandbox.Run(context.Background(), sandbox.Spec{Root: root, Path: self, Args: []string{self}, Env: []string{"SANDBOX_TEST_ROLE=report"}, ReadOnly: []string{self}, Stdout: &out, Stderr: &out})
		if err != nil {
			fmt.Println("run:", err, out.String())
			return 1
		}
		fmt.Print(out.String())
		return 0
	case "leave-behind":
		// A detached child that would outlive the run.
		cmd := exec.Command("/proc/self/exe")
		cmd.Env = []string{"SANDBOX_TEST_ROLE=sleep"}
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := cmd.Start(); err != nil {
			fmt.Println(err)
			return 1
		}
		fmt.Println("started", cmd.Process.Pid)
		return 0
	case "sleep":
		time.Sleep(10 * time.Minute)
		return 0
	case "fork-bomb":
		n := 0
		var err error
		for ; n < 2000; n++ {
			cmd := exec.Command("/proc/self/exe")
			cmd.Env = []string{"SANDBOX_TEST_ROLE=sleep"}
			if err = cmd.Start(); err != nil {
				break
			}
		}
		fmt.Printf("started %d: %v\n", n, err)
		return 0
	case "big-file":
		f, err := os.Create("/tmp/big")
		if err != nil {
			fmt.Println(err)
			return 1
		}
		signal.Ignore(syscall.SIGXFSZ) // or it kills the writer; ignored, the write fails with EFBIG
		_, err = f.Write(make([]byte, 8<<20))
		fmt.Println("write:", err)
		return 0
	case "allocate":
		var keep [][]byte
		for i := 0; i < 64; i++ {
			keep = append(keep, bytes.Repeat([]byte{1}, 16<<20))
		}
		fmt.Println("allocated", len(keep)*16, "MiB")
		return 0
	}
	return 2
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func runInside(t *testing.T, root, role string, spec sandbox.Spec) (string, error) {
	t.Helper()
	prog := program(t)
	var out bytes.Buffer
	spec.Root = root
	spec.Path = prog
	spec.Args = []string{prog}
	spec.Env = append([]string{"SANDBOX_TEST_ROLE=" + role}, spec.Env...)
	spec.ReadOnly = append(spec.ReadOnly, prog)
	spec.Stdout, spec.Stderr = &out, &out
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := sandbox.Run(ctx, spec)
	return out.String(), err
}

func TestSandbox_WhatTheProgramSees(t *testing.T) {
	root := requireSandbox(t)
	shown := t.TempDir() // read-only inside
	require.NoError(t, os.Chmod(shown, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(shown, "file"), []byte("x"), 0o644))
	secret := t.TempDir() // not shown
	hiddenUnder := filepath.Join(shown, "hidden")
	require.NoError(t, os.Mkdir(hiddenUnder, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(hiddenUnder, "answer"), []byte("42"), 0o644))
	home, _ := os.UserHomeDir()
	cwd, _ := os.Getwd()
	cache := t.TempDir() // a build cache, shown read-only under a private layer
	require.NoError(t, os.Chmod(cache, 0o755))
	require.NoError(t, os.Mkdir(filepath.Join(cache, "ab"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(cache, "ab", "entry"), []byte("compiled"), 0o644))

	// A descriptor the grader has without close-on-exec must not reach the program.
	leaky, err := syscall.Open(filepath.Join(shown, "file"), syscall.O_RDONLY, 0)
	require.NoError(t, err)
	defer syscall.Close(leaky)

	look := []string{shown, filepath.Join(shown, "file"), secret, filepath.Join(hiddenUnder, "answer"), home, cwd, "/usr/bin", "/etc/hosts"}
	write := []string{filepath.Join(shown, "new"), filepath.Join(shown, "file"), "/tmp/scratch", "/usr/new", "/new", "/etc/hosts", "/dev/new"}
	out, err := runInside(t, root, "report", sandbox.Spec{
		ReadOnly: []string{shown},
		Hidden:   []string{hiddenUnder},
		GoCache:  cache,
		Env:      []string{"SANDBOX_TEST_LOOK=" + strings.Join(look, ":"), "SANDBOX_TEST_WRITE=" + strings.Join(write, ":")},
	})
	require.NoError(t, err, out)
	var r report
	require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	t.Logf("inside: %+v", r)

	require.Equal(t, "0000000000000000", r.CapEff, "the program has no capability")
	require.Equal(t, "1", r.NoNewPrivs)
	require.Equal(t, "sandbox", r.Hostname)
	require.Equal(t, []string{"1", strconv.Itoa(r.PID)}, r.Processes, "/proc shows the init and the program only")
	require.Len(t, r.Interfaces, 1, "loopback only: %v", r.Interfaces)
	require.True(t, strings.HasPrefix(r.Interfaces[0], "lo up"), r.Interfaces)
	require.True(t, r.LoopbackWorks)
	for _, fd := range r.OpenFDs {
		// Besides stdin, stdout and stderr: the Go runtime's own poller, and
		// the listing of /proc/self/fd, closed by now.
		n, target, _ := strings.Cut(fd, " ")
		require.True(t, n <= "2" && len(n) == 1 || target == "" || strings.HasPrefix(target, "anon_inode:"),
			"a descriptor the program did not open: %v", r.OpenFDs)
	}
	require.Equal(t, []string{"SANDBOX_TEST_ROLE=report", "SANDBOX_TEST_LOOK=" + strings.Join(look, ":"), "SANDBOX_TEST_WRITE=" + strings.Join(write, ":")}, r.Env)

	require.True(t, r.Visible[shown])
	require.True(t, r.Visible[filepath.Join(shown, "file")])
	require.True(t, r.Visible["/usr/bin"])
	require.True(t, r.Visible["/etc/hosts"])
	require.False(t, r.Visible[secret], "a folder not shown")
	require.False(t, r.Visible[filepath.Join(hiddenUnder, "answer")], "a hidden folder under a shown one")
	require.False(t, r.Visible[home], "the grader's home")
	require.False(t, r.Visible[cwd], "the grader's working folder")

	require.Equal(t, "", r.Writable["/tmp/scratch"], "the scratch folder is writable")
	for _, p := range write[:2] {
		require.Contains(t, r.Writable[p], "read-only file system", p)
	}
	for _, p := range write[3:] {
		require.NotEqual(t, "", r.Writable[p], p)
	}
	require.NoFileExists(t, filepath.Join(shown, "new"))
	require.Equal(t, "compiled", r.CacheRead, "the build cache is seen")
	require.Equal(t, "", r.CacheWrite, "the build cache takes writes")
	require.NoFileExists(t, filepath.Join(cache, "ab", "new"), "the host's build cache is written")
	require.Contains(t, r.Mount, "operation not permitted")
	require.NotEqual(t, "", r.NestedUserNS, "no user namespace inside the sandbox")
	if os.Getuid() == 0 {
		require.Equal(t, 1000, r.UID, "the grader is root: the program is nobody outside")
	}
}

// CI runs as root, and a root grader maps the program to nobody. This test
// proves that the sandbox needs no root at all: as root, it runs a grader
// as nobody, which sandboxes a program of its own.
func TestSandbox_WithoutRoot(t *testing.T) {
	requireSandbox(t)
	if os.Getuid() != 0 {
		t.Logf("not root: every other test here already runs the sandbox without root")
		return
	}
	prog := program(t)
	root := t.TempDir()
	require.NoError(t, os.Chown(root, 65534, 65534))
	require.NoError(t, os.Chmod(filepath.Dir(root), 0o755))
	cmd := exec.Command(prog)
	cmd.Env = []string{"SANDBOX_TEST_ROLE=unprivileged-grader", "SANDBOX_TEST_ROOT=" + root}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	var r report
	require.NoError(t, json.Unmarshal(out, &r), "%s", out)
	require.Equal(t, 0, r.UID, "the program is root inside (the grader's own user outside), with no capability")
	require.Equal(t, "0000000000000000", r.CapEff)
	require.Equal(t, []string{"1", strconv.Itoa(r.PID)}, r.Processes)
	require.Len(t, r.Interfaces, 1)
	require.Contains(t, r.Mount, "operation not permitted")
}

func TestSandbox_NothingOutlivesTheRun(t *testing.T) {
	root := requireSandbox(t)
	out, err := runInside(t, root, "leave-behind", sandbox.Spec{})
	require.NoError(t, err, out)
	require.Contains(t, out, "started")
	// The sleeper was the program's child, with a session of its own; the
	// run is over, so it must be gone. Look for it among the host's processes.
	require.Empty(t, processesWithEnv(t, "SANDBOX_TEST_ROLE=sleep"), "a process outlived the sandbox")
}

func TestSandbox_TimeLimitKillsEverything(t *testing.T) {
	root := requireSandbox(t)
	prog := program(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var out bytes.Buffer
	began := time.Now()
	err := sandbox.Run(ctx, sandbox.Spec{Root: root, Path: prog, Args: []string{prog}, Env: []string{"SANDBOX_TEST_ROLE=fork-bomb"}, ReadOnly: []string{prog}, Stdout: &out, Stderr: &out, Limits: sandbox.Limits{Processes: 20}})
	t.Logf("%s", out.String())
	var exit *exec.ExitError
	if err == nil || !errors.As(err, &exit) {
		require.Contains(t, out.String(), "started", "the fork bomb ran")
	}
	require.Less(t, time.Since(began), time.Minute)
	require.Contains(t, out.String(), "resource temporarily unavailable", "the process limit stopped the fork bomb")
	require.Empty(t, processesWithEnv(t, "SANDBOX_TEST_ROLE=sleep"), "a process outlived the sandbox")
}

func TestSandbox_FileSizeAndMemoryLimits(t *testing.T) {
	root := requireSandbox(t)
	out, err := runInside(t, root, "big-file", sandbox.Spec{Limits: sandbox.Limits{FileSize: 1 << 20}})
	require.NoError(t, err, out)
	require.Contains(t, out, "file too large")

	out, err = runInside(t, root, "allocate", sandbox.Spec{Limits: sandbox.Limits{Memory: 256 << 20}})
	require.Error(t, err, "1 GiB allocated under a 256 MiB limit: %s", out)
	require.NotContains(t, out, "allocated")
	require.Regexp(t, `out of memory|failed to allocate`, out) // the Go runtime's words, or the race detector's
}

// processesWithEnv lists the host's processes whose environment holds kv.
func processesWithEnv(t *testing.T, kv string) []string {
	t.Helper()
	var found []string
	entries, err := os.ReadDir("/proc")
	require.NoError(t, err)
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil {
			continue
		}
		for _, v := range bytes.Split(env, []byte{0}) {
			if string(v) == kv {
				found = append(found, e.Name())
			}
		}
	}
	return found
}
