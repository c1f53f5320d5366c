//go:build linux

package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// The sandbox's init is this program run again with its configuration in
// this variable (an init's environment is readable only by itself: see
// dumpable in runInit).
const envInit = "SOCKETLAB_SANDBOX_INIT"

// In the sandbox, the program runs as this user and group; when the grader is
// root they stand for nobody outside (uid and gid 65534), otherwise for the
// grader's own user.
const (
	programID = 1000
	nobody    = 65534
)

// initConfig is what the init is told.
type initConfig struct {
	Root     string
	ReadOnly []string
	Hidden   []string
	GoCache  string
	Path     string
	Args     []string
	Env      []string
	Dir      string
	UID, GID int
	Groups   bool // the init may clear the program's supplementary groups
	Limits   Limits
	Extra    int  // descriptors from 4 up to pass on as 3 up
	Probe    bool // set up, start nothing, report
}

// SystemPaths are what every sandbox shows read-only besides its Spec's: the
// system's programs and libraries, and the few files of /etc that name
// resolution, users and time zones need. Missing ones are left out.
var SystemPaths = []string{
	"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
	"/etc/hosts", "/etc/nsswitch.conf", "/etc/resolv.conf", "/etc/services",
	"/etc/protocols", "/etc/passwd", "/etc/group", "/etc/localtime",
	"/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
	"/etc/ssl",
}

func run(ctx context.Context, spec Spec) error {
	cmd, status, err := command(ctx, spec, false)
	if err != nil {
		return err
	}
	if err := start(cmd, status); err != nil {
		return err
	}
	return cmd.Wait()
}

func check(root string) error {
	var stderr strings.Builder
	cmd, status, err := command(context.Background(), Spec{Root: root, Stderr: &stderr}, true)
	if err != nil {
		return err
	}
	if err := start(cmd, status); err != nil {
		cmd.Wait()
		return explain(err)
	}
	if err := cmd.Wait(); err != nil {
		return explain(&SetupError{Reason: fmt.Sprintf("the sandbox's init failed: %v %s", err, strings.TrimSpace(stderr.String()))})
	}
	return nil
}

// command makes the command that starts the sandbox's init in its new
// namespaces, and the pipe on which the init says whether it is ready.
func command(ctx context.Context, spec Spec, probe bool) (*exec.Cmd, *os.File, error) {
	if spec.Root == "" {
		return nil, nil, &SetupError{Reason: "no root folder given"}
	}
	cfg := initConfig{
		Root: spec.Root, ReadOnly: spec.ReadOnly, Hidden: spec.Hidden, GoCache: spec.GoCache,
		Path: spec.Path, Args: spec.Args, Env: spec.Env, Dir: spec.Dir,
		Limits: spec.Limits.withDefaults(), Extra: len(spec.ExtraFiles), Probe: probe,
	}
	attr := &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS | syscall.CLONE_NEWPID |
			syscall.CLONE_NEWNET | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS | unix.CLONE_NEWCGROUP,
		Pdeathsig: syscall.SIGKILL, // the grader died: so does the sandbox
	}
	uid, gid := os.Getuid(), os.Getgid()
	if uid == 0 {
		// Root may map two users: the init is root inside (and outside, so
		// that it can reach what it mounts), the program is nobody outside.
		attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: 0, Size: 1}, {ContainerID: programID, HostID: nobody, Size: 1}}
		attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: 0, Size: 1}, {ContainerID: programID, HostID: nobody, Size: 1}}
		attr.GidMappingsEnableSetgroups = true
		cfg.UID, cfg.GID, cfg.Groups = programID, programID, true
	} else {
		// Anyone else may map only themselves: the init and the program are
		// both that user, root inside, and the program loses every
		// capability before it starts (see dropPrivileges).
		attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: uid, Size: 1}}
		attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: gid, Size: 1}}
	}
	data, err := json.Marshal(cfg)
	if err != nil {
		return nil, nil, err
	}
	statusR, statusW, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.CommandContext(ctx, "/proc/self/exe")
	cmd.Args = []string{"socketlab-sandbox"} // what ps and /proc/1/cmdline show inside
	cmd.Env = []string{envInit + "=" + string(data)}
	cmd.Stdout, cmd.Stderr = spec.Stdout, spec.Stderr
	cmd.ExtraFiles = append([]*os.File{statusW}, spec.ExtraFiles...)
	cmd.SysProcAttr = attr
	cmd.WaitDelay = time.Second
	return cmd, statusR, nil
}

// start starts the init and waits until it has started the program (or set
// up everything, for a probe), or says why it could not.
func start(cmd *exec.Cmd, status *os.File) error {
	defer status.Close()
	err := cmd.Start()
	cmd.ExtraFiles[0].Close() // the init has its own copy of the status pipe
	if err != nil {
		return &SetupError{Reason: fmt.Sprintf("cannot start the sandbox: %v", err)}
	}
	line, _ := bufio.NewReader(status).ReadString('\n')
	switch line = strings.TrimSpace(line); {
	case line == "ok":
		return nil
	case strings.HasPrefix(line, "error: "):
		return &SetupError{Reason: strings.TrimPrefix(line, "error: ")}
	default:
		return &SetupError{Reason: "the sandbox's init died before it was ready"}
	}
}

// explain adds to a setup error what this kernel's settings say about user
// namespaces, where they forbid them.
func explain(err error) error {
	var setup *SetupError
	if !errors.As(err, &setup) {
		return err
	}
	var hints []string
	read := func(path string) string {
		data, err := os.ReadFile(path)
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(data))
	}
	if read("/proc/sys/kernel/unprivileged_userns_clone") == "0" {
		hints = append(hints, "kernel.unprivileged_userns_clone is 0")
	}
	if read("/proc/sys/user/max_user_namespaces") == "0" {
		hints = append(hints, "user.max_user_namespaces is 0")
	}
	if read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1" {
		hints = append(hints, "AppArmor's kernel.apparmor_restrict_unprivileged_userns is 1")
	}
	if len(hints) > 0 {
		return &SetupError{Reason: setup.Reason + " (" + strings.Join(hints, ", ") + ")"}
	}
	return err
}

func initIfSandbox() {
	data, ok := os.LookupEnv(envInit)
	if !ok {
		return
	}
	// Privileges, securebits and no_new_privs belong to a thread: everything
	// happens on this one, and the program is started from it too.
	runtime.LockOSThread()
	status := os.NewFile(3, "status")
	code, err := runInit(data, status)
	if err != nil {
		fmt.Fprintf(status, "error: %v\n", err)
		os.Exit(125)
	}
	os.Exit(code)
}

// runInit is the sandbox's first process, pid 1 of its PID namespace: it
// builds the sandbox's filesystem and network, drops every privilege, starts
// the program and reaps processes until the program exits. Its exit ends the
// sandbox: the kernel kills whatever is left.
func runInit(data string, status *os.File) (int, error) {
	var cfg initConfig
	if err := json.Unmarshal([]byte(data), &cfg); err != nil {
		return 0, err
	}
	os.Unsetenv(envInit)
	// Only what the init passes on reaches the program: no descriptor the
	// grader inherited from its own parent.
	if err := closeOnExecFrom(3); err != nil {
		return 0, err
	}
	// Not dumpable: the program, although the same user, can neither trace
	// the init nor read its memory, environment or descriptors.
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return 0, fmt.Errorf("prctl(PR_SET_DUMPABLE): %v", err)
	}
	if err := buildFilesystem(cfg); err != nil {
		return 0, err
	}
	if err := loopbackUp(); err != nil {
		return 0, err
	}
	if err := unix.Sethostname([]byte("sandbox")); err != nil {
		return 0, fmt.Errorf("sethostname: %v", err)
	}
	if err := os.Chdir("/"); err != nil {
		return 0, err
	}
	if cfg.Dir != "" {
		if err := os.Chdir(cfg.Dir); err != nil {
			return 0, err
		}
	}
	if err := setLimits(cfg.Limits); err != nil {
		return 0, err
	}
	if err := dropPrivileges(); err != nil {
		return 0, err
	}
	if cfg.Probe {
		fmt.Fprintln(status, "ok")
		return 0, nil
	}

	files := []*os.File{os.Stdin, os.Stdout, os.Stderr}
	for fd := 4; fd < 4+cfg.Extra; fd++ {
		files = append(files, os.NewFile(uintptr(fd), "extra"))
	}
	cred := &syscall.Credential{Uid: uint32(cfg.UID), Gid: uint32(cfg.GID), NoSetGroups: !cfg.Groups}
	proc, err := os.StartProcess(cfg.Path, cfg.Args, &os.ProcAttr{
		Dir: cfg.Dir, Env: cfg.Env, Files: files,
		Sys: &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL},
	})
	if err != nil {
		return 0, err
	}
	for _, f := range files[3:] {
		f.Close()
	}
	// Memory is limited in the program only: the init may be a race-detector
	// build, which maps more than any sensible limit.
	memory := &unix.Rlimit{Cur: uint64(cfg.Limits.Memory), Max: uint64(cfg.Limits.Memory)}
	if err := unix.Prlimit(proc.Pid, unix.RLIMIT_DATA, memory, nil); err != nil {
		proc.Kill()
		return 0, fmt.Errorf("prlimit(RLIMIT_DATA): %v", err)
	}
	fmt.Fprintln(status, "ok")
	status.Close()
	return reap(proc.Pid), nil
}

// reap waits for every process that ends in the sandbox (orphans become the
// init's) until the program does, and returns the program's exit code, or
// 128 plus the signal that killed it.
func reap(program int) int {
	for {
		var ws unix.WaitStatus
		pid, err := unix.Wait4(-1, &ws, 0, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 125
		}
		if pid != program {
			continue
		}
		if ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ws.ExitStatus()
	}
}

// closeOnExecFrom marks every descriptor from fd up close-on-exec.
func closeOnExecFrom(fd int) error {
	if err := unix.CloseRange(uint(fd), ^uint(0), unix.CLOSE_RANGE_CLOEXEC); err == nil {
		return nil
	}
	entries, err := os.ReadDir("/proc/self/fd") // kernels before 5.11
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n, err := strconv.Atoi(e.Name()); err == nil && n >= fd {
			syscall.CloseOnExec(n)
		}
	}
	return nil
}

// A mount of the sandbox's filesystem, at target inside it.
type mountStep struct {
	target string
	do     func(root string) error
}

// buildFilesystem makes the sandbox's root in cfg.Root and moves into it.
func buildFilesystem(cfg initConfig) error {
	// Nothing mounted from here on propagates back to the host.
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making mounts private: %v", err)
	}
	root := cfg.Root
	if err := unix.Mount("tmpfs", root, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, "mode=0755,size=16m"); err != nil {
		return fmt.Errorf("mounting the sandbox's root: %v", err)
	}

	steps := []mountStep{
		{"/dev", mountDev},
		{"/proc", mountProc},
		{Scratch, func(root string) error {
			opts := fmt.Sprintf("mode=1777,size=%d", cfg.Limits.Scratch)
			return mountAt(root, Scratch, "tmpfs", "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, opts)
		}},
	}
	if cfg.GoCache != "" {
		steps = append(steps, mountStep{GoCacheInside, func(root string) error {
			return mountGoCache(root, cfg.GoCache, cfg.UID, cfg.GID)
		}})
	}
	var binds []bind
	for _, path := range SystemPaths {
		if _, err := os.Lstat(path); err == nil {
			binds = append(binds, bind{path: path, system: true})
		}
	}
	for _, path := range cfg.ReadOnly {
		path = filepath.Clean(path)
		if !filepath.IsAbs(path) || path == "/" {
			return fmt.Errorf("cannot show %q read-only: not an absolute path below /", path)
		}
		if _, err := os.Stat(path); err != nil {
			return err
		}
		binds = append(binds, bind{path: path})
	}
	for _, b := range binds {
		steps = append(steps, mountStep{b.path, b.mount})
	}
	// Parents before children: /tmp before a folder shown inside it.
	sort.SliceStable(steps, func(i, j int) bool { return depth(steps[i].target) < depth(steps[j].target) })
	for _, s := range steps {
		if err := s.do(root); err != nil {
			return err
		}
	}
	if err := hide(root, binds, cfg.Hidden); err != nil {
		return err
	}
	if err := unix.Mount("", root, "", unix.MS_REMOUNT|unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NODEV, ""); err != nil {
		return fmt.Errorf("making the sandbox's root read-only: %v", err)
	}
	// The root becomes the sandbox's, and the host's is let go of: stacking
	// it on the new one, then detaching it (pivot_root(2), NOTES).
	if err := os.Chdir(root); err != nil {
		return err
	}
	if err := unix.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("pivot_root: %v", err)
	}
	if err := unix.Unmount(".", unix.MNT_DETACH); err != nil {
		return fmt.Errorf("detaching the host's root: %v", err)
	}
	return nil
}

func depth(path string) int { return strings.Count(filepath.Clean(path), "/") }

// bind shows a host path read-only at the same path in the sandbox.
type bind struct {
	path   string
	system bool // one of SystemPaths: a symbolic link is copied as it is
}

func (b bind) mount(root string) error {
	target := filepath.Join(root, b.path)
	info, err := os.Lstat(b.path)
	if err != nil {
		return err
	}
	// A path whose folder in the sandbox is a symbolic link (/bin/x with
	// /bin -> usr/bin) or already shown is visible as it is.
	if covered, err := coveredInside(root, b.path); err != nil || covered {
		return err
	}
	if info.Mode()&os.ModeSymlink != 0 && b.system {
		link, err := os.Readlink(b.path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.Symlink(link, target)
	}
	if err := makeMountPoint(target, info.IsDir() || isDirThroughLink(b.path)); err != nil {
		return err
	}
	if err := unix.Mount(b.path, target, "", unix.MS_BIND, ""); err != nil {
		return fmt.Errorf("showing %s: %v", b.path, err)
	}
	return remountReadOnly(target)
}

func isDirThroughLink(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// coveredInside says whether path, inside the sandbox at root, already shows
// something: one of its folders is a symbolic link or a mount point other
// than the scratch folder.
func coveredInside(root, path string) (bool, error) {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	current := root
	for _, p := range parts {
		current = filepath.Join(current, p)
		info, err := os.Lstat(current)
		if errors.Is(err, os.ErrNotExist) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if info.Mode()&os.ModeSymlink != 0 {
			return true, nil
		}
		if current != filepath.Join(root, Scratch) && isMountPoint(current) {
			return true, nil
		}
	}
	return false, nil
}

func isMountPoint(path string) bool {
	var self, parent unix.Stat_t
	if unix.Lstat(path, &self) != nil || unix.Lstat(filepath.Dir(path), &parent) != nil {
		return false
	}
	return self.Dev != parent.Dev
}

// makeMountPoint creates an empty folder or file to mount on.
func makeMountPoint(target string, dir bool) error {
	if dir {
		return os.MkdirAll(target, 0o755)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	return f.Close()
}

// remountReadOnly makes a bind mount read-only. The flags the kernel locks on
// a mount made in a user namespace (nosuid, nodev, noexec, atime) must be
// kept as they are, so they are read first.
func remountReadOnly(target string) error {
	var st unix.Statfs_t
	if err := unix.Statfs(target, &st); err != nil {
		return err
	}
	flags := uintptr(unix.MS_BIND | unix.MS_REMOUNT | unix.MS_RDONLY | unix.MS_NOSUID)
	for _, f := range []struct{ st, ms uintptr }{
		{unix.ST_NODEV, unix.MS_NODEV}, {unix.ST_NOEXEC, unix.MS_NOEXEC},
		{unix.ST_NOATIME, unix.MS_NOATIME}, {unix.ST_NODIRATIME, unix.MS_NODIRATIME},
		{unix.ST_RELATIME, unix.MS_RELATIME},
	} {
		if uintptr(st.Flags)&f.st != 0 {
			flags |= f.ms
		}
	}
	if err := unix.Mount("", target, "", flags, ""); err != nil {
		return fmt.Errorf("making %s read-only: %v", target, err)
	}
	return nil
}

func mountAt(root, path, source, fstype string, flags uintptr, data string) error {
	target := filepath.Join(root, path)
	if err := os.MkdirAll(target, 0o755); err != nil {
		return err
	}
	if err := unix.Mount(source, target, fstype, flags, data); err != nil {
		return fmt.Errorf("mounting %s on %s: %v", fstype, path, err)
	}
	return nil
}

// mountDev makes a /dev with the harmless devices only.
func mountDev(root string) error {
	if err := mountAt(root, "/dev", "tmpfs", "tmpfs", unix.MS_NOSUID|unix.MS_NOEXEC, "mode=0755,size=64k"); err != nil {
		return err
	}
	dev := filepath.Join(root, "dev")
	for _, name := range []string{"null", "zero", "full", "random", "urandom"} {
		target := filepath.Join(dev, name)
		if err := makeMountPoint(target, false); err != nil {
			return err
		}
		if err := unix.Mount("/dev/"+name, target, "", unix.MS_BIND, ""); err != nil {
			return fmt.Errorf("showing /dev/%s: %v", name, err)
		}
	}
	for link, to := range map[string]string{"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1", "stderr": "/proc/self/fd/2"} {
		if err := os.Symlink(to, filepath.Join(dev, link)); err != nil {
			return err
		}
	}
	if err := mountAt(root, "/dev/shm", "tmpfs", "tmpfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "mode=1777,size=16m"); err != nil {
		return err
	}
	return unix.Mount("", dev, "", unix.MS_REMOUNT|unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NOEXEC, "")
}

// mountProc mounts a /proc of the sandbox's own PID namespace, with /proc/sys
// read-only; first it forbids the program to make user namespaces of its own.
func mountProc(root string) error {
	if err := mountAt(root, "/proc", "proc", "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return err
	}
	sys := filepath.Join(root, "proc", "sys")
	if err := os.WriteFile(filepath.Join(sys, "user", "max_user_namespaces"), []byte("0\n"), 0); err != nil {
		return fmt.Errorf("forbidding nested user namespaces: %v", err)
	}
	if err := unix.Mount(sys, sys, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return fmt.Errorf("showing /proc/sys: %v", err)
	}
	return remountReadOnly(sys)
}

// mountGoCache shows a host's build cache read-only at GoCacheInside, under
// a private layer on the scratch folder that takes the go command's writes.
// The layer's folders belong to the program's user: the cache's own, which
// the go command writes into, would otherwise be the host owner's (root's,
// when the program is nobody). If the kernel cannot mount the overlay, the
// program gets an empty cache of its own.
func mountGoCache(root, lower string, uid, gid int) error {
	target := filepath.Join(root, GoCacheInside)
	upper := filepath.Join(root, Scratch, ".go-build-layer")
	work := filepath.Join(root, Scratch, ".go-build-work")
	dirs := []string{target, upper, work}
	for i := range 256 {
		dirs = append(dirs, filepath.Join(upper, fmt.Sprintf("%02x", i)))
	}
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.Lchown(dir, uid, gid); err != nil {
			return err
		}
	}
	if strings.ContainsAny(lower, ",:\\") {
		return nil // not in overlay's option syntax: an empty cache
	}
	opts := "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work
	if unix.Mount("overlay", target, "overlay", unix.MS_NOSUID|unix.MS_NODEV, opts+",userxattr") == nil {
		return nil
	}
	unix.Mount("overlay", target, "overlay", unix.MS_NOSUID|unix.MS_NODEV, opts) // an empty cache if it fails too
	return nil
}

// hide covers, with an empty read-only folder, every hidden path that a bind
// would show.
func hide(root string, binds []bind, hidden []string) error {
	for _, h := range hidden {
		real, err := filepath.EvalSymlinks(h)
		if err != nil {
			continue // gone: nothing to hide
		}
		for _, b := range binds {
			source, err := filepath.EvalSymlinks(b.path)
			if err != nil {
				continue
			}
			rel, err := filepath.Rel(source, real)
			if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
				continue
			}
			target := filepath.Join(root, b.path, rel)
			info, err := os.Lstat(target)
			if err != nil || !info.IsDir() {
				continue // not shown (or not as a folder)
			}
			if err := unix.Mount("tmpfs", target, "tmpfs", unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "size=4k,mode=0555"); err != nil {
				return fmt.Errorf("hiding %s: %v", h, err)
			}
		}
	}
	return nil
}

// loopbackUp brings up lo, the only interface of the sandbox's network.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("loopback: %v", err)
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return fmt.Errorf("loopback: %v", err)
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP | unix.IFF_RUNNING)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return fmt.Errorf("bringing up loopback: %v", err)
	}
	return nil
}

// setLimits sets the limits the program inherits (all but memory: see
// runInit).
func setLimits(l Limits) error {
	cpu := uint64(l.CPU / time.Second)
	for _, lim := range []struct {
		resource int
		value    uint64
		name     string
	}{
		{unix.RLIMIT_NPROC, uint64(l.Processes), "processes"},
		{unix.RLIMIT_FSIZE, uint64(l.FileSize), "file size"},
		{unix.RLIMIT_NOFILE, uint64(l.OpenFiles), "open files"},
		{unix.RLIMIT_CPU, cpu, "CPU time"},
		{unix.RLIMIT_CORE, 0, "core dumps"},
	} {
		var old syscall.Rlimit
		if err := syscall.Getrlimit(lim.resource, &old); err != nil {
			return fmt.Errorf("limiting %s: %v", lim.name, err)
		}
		value := min(lim.value, old.Max) // only root outside may raise a hard limit
		// syscall.Setrlimit, not unix's: for open files, the Go runtime
		// would otherwise restore its own limit in the child.
		if err := syscall.Setrlimit(lim.resource, &syscall.Rlimit{Cur: value, Max: value}); err != nil {
			return fmt.Errorf("limiting %s: %v", lim.name, err)
		}
	}
	return nil
}

// Securebits (linux/securebits.h): uid 0 gains no capability on exec, the
// program cannot raise ambient capabilities, and neither can be undone.
const (
	secbitNoroot                  = 1 << 0
	secbitNorootLocked            = 1 << 1
	secbitNoCapAmbientRaise       = 1 << 6
	secbitNoCapAmbientRaiseLocked = 1 << 7
)

// dropPrivileges makes sure that the program, and anything it runs, has no
// capability and cannot gain one: the bounding set is emptied, root inside
// gains nothing on exec, no ambient or inheritable capability is left, and no
// new privileges are allowed (setuid and file capabilities do nothing). The
// init keeps its own effective capabilities: it no longer needs them, and
// the program cannot reach it (it is not dumpable).
func dropPrivileges() error {
	last := unix.CAP_LAST_CAP
	if data, err := os.ReadFile("/proc/sys/kernel/cap_last_cap"); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil {
			last = n
		}
	}
	for c := 0; c <= last; c++ {
		if err := unix.Prctl(unix.PR_CAPBSET_DROP, uintptr(c), 0, 0, 0); err != nil && err != unix.EINVAL {
			return fmt.Errorf("dropping capability %d from the bounding set: %v", c, err)
		}
	}
	if err := unix.Prctl(unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0); err != nil {
		return fmt.Errorf("clearing ambient capabilities: %v", err)
	}
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return fmt.Errorf("capget: %v", err)
	}
	data[0].Inheritable, data[1].Inheritable = 0, 0
	if err := unix.Capset(&hdr, &data[0]); err != nil {
		return fmt.Errorf("clearing inheritable capabilities: %v", err)
	}
	bits := secbitNoroot | secbitNorootLocked | secbitNoCapAmbientRaise | secbitNoCapAmbientRaiseLocked
	if err := unix.Prctl(unix.PR_SET_SECUREBITS, uintptr(bits), 0, 0, 0); err != nil {
		return fmt.Errorf("securebits: %v", err)
	}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("no_new_privs: %v", err)
	}
	return nil
}
