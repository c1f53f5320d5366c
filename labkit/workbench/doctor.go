package workbench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Finding is one thing lab doctor checked.
type Finding struct {
	Check  string `json:"check"`
	Level  Level  `json:"level"`
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
}

// Level says how much a finding matters.
type Level string

const (
	OK   Level = "ok"
	Warn Level = "warn" // the lab works, something is missing or slow
	Fail Level = "FAIL" // something in the lab will not work until it is fixed
)

// DoctorOptions say how to check.
type DoctorOptions struct {
	JSON bool
	Yes  bool // build without asking
	Port int  // the lessons' port, 10001
}

// Doctor checks the student's computer for what the lab needs, each finding
// with a fix, and offers to build the lab once so that the first go run and
// go test start at once. It returns Failed if something must be fixed.
func Doctor(ctx context.Context, lab *Lab, io IO, opts DoctorOptions) error {
	status := newStatusLine(io.Err)
	if opts.JSON {
		status = nil
	}
	var findings []Finding
	report := func(f Finding) {
		findings = append(findings, f)
		if !opts.JSON {
			status.Clear()
			writeFinding(io, f)
		}
	}
	report(checkGo(ctx, lab))
	report(lab.checkBuild(ctx, io, opts, status))
	report(checkPort(opts.Port))
	report(checkLoopback("tcp4", "127.0.0.1:0"))
	report(checkLoopback("tcp6", "[::1]:0"))
	for _, tool := range []string{"nc", "telnet", "python3"} {
		report(checkTool(tool))
	}
	report(checkOpenFiles())
	report(checkRace(ctx, lab))
	report(checkSystem(lab.Root))

	failed := 0
	for _, f := range findings {
		if f.Level == Fail {
			failed++
		}
	}
	if opts.JSON {
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(findings); err != nil {
			return err
		}
	} else if failed == 0 {
		fmt.Fprintln(io.Out, "\nYour computer is ready for the lab. Start with lesson01-basic/README.md, or: go tool lab watch")
	} else {
		fmt.Fprintf(io.Out, "\n%d of these need fixing before the lab works as its READMEs say.\n", failed)
	}
	if failed > 0 {
		return Failed("doctor found problems")
	}
	return nil
}

func writeFinding(io IO, f Finding) {
	fmt.Fprintf(io.Out, "%-4s  %-14s %s\n", f.Level, f.Check, f.Detail)
	if f.Fix != "" {
		for _, line := range strings.Split(f.Fix, "\n") {
			fmt.Fprintf(io.Out, "      %-14s %s\n", "", line)
		}
	}
}

var goLine = regexp.MustCompile(`(?m)^go (\S+)`)

// checkGo compares the go command's version with the go line of go.work.
func checkGo(ctx context.Context, lab *Lab) Finding {
	f := Finding{Check: "go"}
	work, err := os.ReadFile(filepath.Join(lab.Root, "go.work"))
	m := goLine.FindSubmatch(work)
	if err != nil || m == nil {
		return Finding{Check: "go", Level: Fail, Detail: "go.work has no go line", Fix: "get go.work back as it was handed out"}
	}
	need := string(m[1])
	out, err := lab.goCommand(ctx, "env", "GOVERSION").Output()
	have := strings.TrimPrefix(strings.TrimSpace(string(out)), "go")
	if err != nil || have == "" {
		have = strings.TrimPrefix(runtime.Version(), "go")
	}
	if olderThan(have, need) {
		f.Level, f.Detail = Fail, fmt.Sprintf("Go %s, but the lab needs Go %s or newer", have, need)
		f.Fix = "install a newer Go (https://go.dev/dl/), or let the go command fetch it: go env -w GOTOOLCHAIN=auto"
		return f
	}
	f.Level, f.Detail = OK, fmt.Sprintf("Go %s (the lab needs %s or newer)", have, need)
	return f
}

// olderThan compares Go versions such as 1.26.8 and 1.26.0 (a release
// candidate, 1.27rc1, counts as its release).
func olderThan(have, need string) bool {
	parse := func(v string) [3]int {
		var n [3]int
		for i, part := range strings.SplitN(v, ".", 3) {
			if end := strings.IndexFunc(part, func(r rune) bool { return r < '0' || r > '9' }); end >= 0 {
				part = part[:end] // 27rc1 -> 27
			}
			n[i], _ = strconv.Atoi(part)
		}
		return n
	}
	h, n := parse(have), parse(need)
	for i := range h {
		if h[i] != n[i] {
			return h[i] < n[i]
		}
	}
	return false
}

// checkBuild looks for packages of the lab that the build cache lacks, and
// offers to build them.
func (lab *Lab) checkBuild(ctx context.Context, io IO, opts DoctorOptions, status *statusLine) Finding {
	f := Finding{Check: "build cache"}
	status.Update("build cache: looking for packages not built yet")
	stale, err := lab.stale(ctx, []string{"socketlab/..."})
	status.Clear()
	if err != nil {
		f.Level, f.Detail, f.Fix = Fail, fmt.Sprintf("go list socketlab/... failed: %v", err), "run go build socketlab/... at the lab's root and read what it says"
		return f
	}
	if len(stale) == 0 {
		f.Level, f.Detail = OK, "every package of the lab is built: go run and go test start at once"
		return f
	}
	f.Detail = fmt.Sprintf("%d packages are not built yet: the first go run or go test would build them first, silently", len(stale))
	build := opts.Yes
	if !build && !opts.JSON && isTerminalReader(io.In) {
		fmt.Fprintf(io.Out, "%s.\nBuild them now, once (a few minutes, with progress)? [Y/n] ", f.Detail)
		answer, _ := bufio.NewReader(io.In).ReadString('\n')
		a := strings.ToLower(strings.TrimSpace(answer))
		build = a == "" || a == "y" || a == "yes"
	}
	if !build {
		f.Level, f.Fix = Warn, "go tool lab doctor -y builds them now, once"
		return f
	}
	began := time.Now()
	compiled, err := lab.Build(ctx, []string{"socketlab/..."}, status)
	if err == nil {
		err = lab.PrepareTests(ctx, status)
	}
	if err != nil {
		f.Level, f.Detail = Fail, fmt.Sprintf("building the lab: %v", err)
		return f
	}
	f.Level = OK
	f.Detail = fmt.Sprintf("built %d packages in %v: go run and go test start at once now", compiled, time.Since(began).Round(time.Second))
	if left := lab.staleCount(ctx); left > 0 {
		f.Level, f.Detail, f.Fix = Warn, fmt.Sprintf("built %d packages; %d did not build", compiled, left), "go build socketlab/... shows why"
	}
	return f
}

func (lab *Lab) staleCount(ctx context.Context) int {
	stale, err := lab.stale(ctx, []string{"socketlab/..."})
	if err != nil {
		return -1
	}
	return len(stale)
}

func isTerminalReader(r any) bool {
	f, ok := r.(*os.File)
	return ok && isTerminal(f)
}

// checkPort tries to listen on the lessons' port, and names who holds it.
func checkPort(port int) Finding {
	f := Finding{Check: fmt.Sprintf("port %d", port)}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		ln.Close()
		f.Level, f.Detail = OK, fmt.Sprintf("free: the lessons' servers can listen on %s", addr)
		return f
	}
	f.Level = Fail
	holder := portHolder(port)
	if holder == "" {
		holder = "another program"
	}
	f.Detail = fmt.Sprintf("in use by %s: the lessons' servers cannot listen on %s", holder, addr)
	f.Fix = "stop that program (Ctrl-C in its terminal, if it is a lesson's server)"
	if free := freePortAfter(port); free != 0 {
		f.Fix += fmt.Sprintf(",\nor give every server and client -addr 127.0.0.1:%d (free now)", free)
	}
	return f
}

func freePortAfter(port int) int {
	for p := port + 1; p < port+50 && p < 65536; p++ {
		if ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p))); err == nil {
			ln.Close()
			return p
		}
	}
	return 0
}

// checkLoopback connects to itself over the loopback interface and sends a byte.
func checkLoopback(network, addr string) Finding {
	f := Finding{Check: "loopback " + map[string]string{"tcp4": "IPv4", "tcp6": "IPv6"}[network]}
	err := roundTrip(network, addr)
	switch {
	case err == nil:
		f.Level, f.Detail = OK, fmt.Sprintf("a client and a server on %s talk", strings.TrimSuffix(addr, ":0"))
	case network == "tcp6":
		f.Level, f.Detail = Warn, fmt.Sprintf("no IPv6 on loopback (%v): the lessons use 127.0.0.1 and do not need it", err)
		f.Fix = "only -addr [::1]:10001 experiments need IPv6; nothing to do for the lab"
	default:
		f.Level, f.Detail = Fail, fmt.Sprintf("a client cannot reach a server on 127.0.0.1: %v", err)
		f.Fix = "a firewall or security program blocks loopback connections: allow them for go and the programs it builds"
	}
	return f
}

func roundTrip(network, addr string) error {
	ln, err := net.Listen(network, addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	accepted := make(chan error, 1)
	go func() {
		conn, err := ln.Accept()
		if err == nil {
			conn.SetDeadline(time.Now().Add(2 * time.Second))
			_, err = conn.Write([]byte("x"))
			conn.Close()
		}
		accepted <- err
	}()
	conn, err := net.DialTimeout(network, ln.Addr().String(), 2*time.Second)
	if err != nil {
		ln.Close()
		<-accepted
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	_, err = conn.Read(make([]byte, 1))
	if acceptErr := <-accepted; err == nil {
		err = acceptErr
	}
	return err
}

// checkTool looks for a program the READMEs use to talk to the servers.
func checkTool(name string) Finding {
	f := Finding{Check: name}
	found, err := lookTool(name)
	if err == nil {
		f.Level, f.Detail = OK, found
		return f
	}
	f.Level = Warn
	f.Detail = map[string]string{
		"nc":      "not found: the READMEs' nc lines will not work (optional: the Go clients do the same)",
		"telnet":  "not found: the READMEs' telnet lines will not work (optional: nc or the Go clients do the same)",
		"python3": "not found: the notebook's Python snippets and the interop tests will not run (optional)",
	}[name]
	f.Fix = installLine(name, runtime.GOOS, linuxDistro())
	return f
}

// lookTool finds a tool under the names it has on this system.
func lookTool(name string) (string, error) {
	names := []string{name}
	if runtime.GOOS == "windows" {
		names = map[string][]string{"nc": {"ncat", "nc"}, "python3": {"python3", "python", "py"}, "telnet": {"telnet"}}[name]
	}
	var err error
	for _, n := range names {
		var path string
		if path, err = exec.LookPath(n); err == nil {
			return path, nil
		}
	}
	return "", err
}

// checkRace says whether go test -race can work here: it needs cgo and a C compiler.
func checkRace(ctx context.Context, lab *Lab) Finding {
	f := Finding{Check: "go test -race"}
	out, _ := lab.goCommand(ctx, "env", "CGO_ENABLED", "CC").Output()
	fields := strings.Fields(string(out))
	cgo, cc := len(fields) > 0 && fields[0] == "1", ""
	if len(fields) > 1 {
		cc = fields[1]
	}
	_, ccErr := exec.LookPath(cc)
	if cgo && cc != "" && ccErr == nil {
		f.Level, f.Detail = OK, fmt.Sprintf("works: cgo is on and %s is there (-race finds data races, lesson 4's bugs)", cc)
		return f
	}
	f.Level = Warn
	f.Detail = "will not work: -race needs cgo and a C compiler; the lab's tests do not need it, so leave -race out"
	switch runtime.GOOS {
	case "windows":
		f.Fix = "to use it anyway: install gcc (winget install BrechtSanders.WinLibs.POSIX.UCRT), then go env -w CGO_ENABLED=1"
	case "darwin":
		f.Fix = "to use it anyway: xcode-select --install, then go env -w CGO_ENABLED=1"
	default:
		f.Fix = "to use it anyway: " + installLine("gcc", runtime.GOOS, linuxDistro()) + ", then go env -w CGO_ENABLED=1"
	}
	return f
}

// checkSystem names the system, and spots WSL with the lab on a Windows drive.
func checkSystem(root string) Finding {
	f := Finding{Check: "system", Level: OK, Detail: runtime.GOOS + "/" + runtime.GOARCH}
	if runtime.GOOS == "windows" {
		f.Detail += ": lesson 5 needs Linux or macOS (WSL will do), the rest runs here"
	}
	if !isWSL() {
		return f
	}
	f.Detail += " under WSL"
	if strings.HasPrefix(filepath.ToSlash(root), "/mnt/") {
		f.Level = Warn
		f.Detail += ", with the lab on a Windows drive (" + root + "): builds are slow there, and lab watch sees saves only by looking every second"
		f.Fix = "copy the lab into your Linux home and work there: cp -r " + root + " ~/"
	}
	return f
}

// isWSL says whether this is Linux running under Windows' WSL.
func isWSL() bool {
	if runtime.GOOS != "linux" {
		return false
	}
	if os.Getenv("WSL_DISTRO_NAME") != "" {
		return true
	}
	release, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	return strings.Contains(strings.ToLower(string(release)), "microsoft")
}
