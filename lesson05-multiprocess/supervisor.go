package multiprocess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Mode is how the workers get their listening socket.
type Mode string

const (
	// ReusePort: every worker opens its own listening socket on the same
	// address, with SO_REUSEPORT; the kernel spreads new connections across them.
	ReusePort Mode = "reuseport"
	// Inherit: the supervisor listens once and hands the socket down to every
	// worker, as the notebook's forked processes share theirs.
	Inherit Mode = "inherit"
)

// Options say how many workers to run, and how.
type Options struct {
	Addr    string
	Workers int
	Mode    Mode
	Quiet   bool          // workers print nothing per connection
	Grace   time.Duration // on stop, how long workers get before they are killed
	// Worker returns the command that runs one worker with these arguments:
	// this same program, run again.
	Worker func(args ...string) *exec.Cmd
}

// MaxWorkers bounds -workers: every worker is a whole process, a mistyped
// 100000 would fork until the machine gives up, and more processes than this
// buy nothing on any machine a class uses (one Go worker already runs on
// every core).
const MaxWorkers = 64

// Restarts of a worker that keeps dying wait longer each time, up to maxPause.
const (
	firstPause = 100 * time.Millisecond
	maxPause   = 5 * time.Second
	// A worker that ran this long before it died was not dying at start:
	// its replacement starts at once.
	healthyRun = 5 * time.Second
)

// Supervise starts opts.Workers workers — all of them first, then it waits —
// and replaces any worker that dies. When ctx is cancelled (Ctrl-C, SIGTERM)
// it asks every worker to stop, kills those still running after opts.Grace,
// and returns once all have exited.
func Supervise(ctx context.Context, opts Options, out io.Writer) error {
	if err := Supported(); err != nil {
		return err
	}
	// The socket the workers share (inherit), or a reservation of the port
	// for their own (reuseport). The supervisor keeps it open while it runs.
	socket, addr, err := prepareSocket(opts)
	if err != nil {
		return err
	}
	defer socket.Close()
	fmt.Fprintf(out, "supervisor %d: %d workers on %s, mode %s (Ctrl-C stops them all)\n",
		os.Getpid(), opts.Workers, addr, opts.Mode)
	if note := ModeNote(opts.Mode); note != "" {
		fmt.Fprintln(out, note)
	}

	s := &supervisor{opts: opts, addr: addr, socket: socket, out: out, exited: make(chan exit)}
	// Start every worker before waiting for any. (The notebook starts one,
	// then join()s it — waits until it exits — before starting the next: so
	// only one ever runs.) A stop asked meanwhile stops the starting too:
	// wait then stops those already running.
	for slot := 1; slot <= opts.Workers && ctx.Err() == nil; slot++ {
		if err := s.start(slot); err != nil {
			s.stopAll()
			return err
		}
	}
	return s.wait(ctx)
}

// prepareSocket opens what the workers need, and returns the address they
// serve on: a port of 0 becomes the port the kernel chose.
func prepareSocket(opts Options) (socket io.Closer, addr string, err error) {
	switch opts.Mode {
	case Inherit:
		ln, err := net.Listen("tcp", opts.Addr) // socket() + bind() + listen(), once
		if err != nil {
			return nil, "", err
		}
		defer ln.Close() // File() below made a copy: the workers get that one
		file, err := ln.(*net.TCPListener).File()
		if err != nil {
			return nil, "", err
		}
		return file, ln.Addr().String(), nil
	case ReusePort:
		return reservePort(opts.Addr)
	default:
		return nil, "", fmt.Errorf("unknown -mode %q: want %s or %s", opts.Mode, ReusePort, Inherit)
	}
}

type supervisor struct {
	opts    Options
	addr    string
	socket  io.Closer
	out     io.Writer
	running map[int]*exec.Cmd // slot -> its worker
	exited  chan exit         // every worker's end
}

// exit is a worker's end, as its waiting goroutine saw it.
type exit struct {
	slot   int
	pid    int
	err    error // from cmd.Wait: nil for exit status 0
	ranFor time.Duration
}

// start runs the worker of a slot, and a goroutine that reports its exit.
func (s *supervisor) start(slot int) error {
	args := []string{"-worker", "-addr", s.addr, "-mode", string(s.opts.Mode)}
	if s.opts.Quiet {
		args = append(args, "-quiet")
	}
	cmd := s.opts.Worker(args...)
	cmd.Stdout, cmd.Stderr = s.out, s.out
	cmd.SysProcAttr = exitWithParent() // Linux: the worker gets SIGTERM if the supervisor dies
	if file, ok := s.socket.(*os.File); ok && s.opts.Mode == Inherit {
		cmd.ExtraFiles = []*os.File{file} // the shared listening socket: fd 3 in the worker
	}
	began := time.Now()
	if err := cmd.Start(); err != nil { // fork() + exec(): does not wait for the worker
		return fmt.Errorf("starting worker %d: %w", slot, err)
	}
	if s.running == nil {
		s.running = map[int]*exec.Cmd{}
	}
	s.running[slot] = cmd
	go func() {
		err := cmd.Wait() // BLOCKS until this worker exits
		s.exited <- exit{slot: slot, pid: cmd.Process.Pid, err: err, ranFor: time.Since(began)}
	}()
	return nil
}

// wait is the supervisor's life once the workers run: replace the dead, and
// on ctx's end stop them all.
func (s *supervisor) wait(ctx context.Context) error {
	pauses := map[int]time.Duration{} // slot -> pause before its next restart
	restart := make(chan int)         // a slot whose pause is over
	waiting := 0                      // slots in their pause
	var kill <-chan time.Time
	stopping := ctx.Done()
	for len(s.running) > 0 || waiting > 0 {
		select {
		case e := <-s.exited:
			delete(s.running, e.slot)
			if ctx.Err() != nil {
				continue // stopping: one fewer to wait for
			}
			// A worker that dies soon after it started will likely die
			// again: wait longer before each new try.
			pause := time.Duration(0)
			if e.ranFor < healthyRun {
				pause = min(max(2*pauses[e.slot], firstPause), maxPause)
			}
			pauses[e.slot] = pause
			fmt.Fprintf(s.out, "supervisor: worker %d (pid %d) %s; starting another%s\n", e.slot, e.pid, describeExit(e.err), after(pause))
			waiting++
			go func() {
				select {
				case <-time.After(pause):
				case <-ctx.Done():
				}
				restart <- e.slot
			}()
		case slot := <-restart:
			waiting--
			if ctx.Err() != nil {
				continue // stopping: no replacement
			}
			if err := s.start(slot); err != nil {
				fmt.Fprintf(s.out, "supervisor: %v\n", err)
			}
		case <-stopping:
			stopping = nil
			fmt.Fprintf(s.out, "supervisor: stopping %d workers\n", len(s.running))
			s.signalAll(syscall.SIGTERM)
			kill = time.After(s.opts.Grace)
		case <-kill:
			fmt.Fprintf(s.out, "supervisor: %d workers did not stop within %v: killing them\n", len(s.running), s.opts.Grace)
			s.signalAll(os.Kill)
		}
	}
	fmt.Fprintln(s.out, "supervisor: all workers stopped")
	return nil
}

// signalAll sends sig to every running worker.
func (s *supervisor) signalAll(sig os.Signal) {
	for _, cmd := range s.running {
		cmd.Process.Signal(sig) // an error means it has exited already: its exit is on the way
	}
}

// stopAll kills the workers started so far, when not all could start.
func (s *supervisor) stopAll() {
	s.signalAll(os.Kill)
	for range s.running {
		<-s.exited
	}
}

// describeExit says how a worker ended: "exited with status 1", "was killed by signal: killed".
func describeExit(err error) string {
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return "exited with status 0"
	case errors.As(err, &exitErr) && exitErr.ExitCode() >= 0:
		return fmt.Sprintf("exited with status %d", exitErr.ExitCode())
	case errors.As(err, &exitErr):
		return "died: " + exitErr.String()
	default:
		return "ended: " + err.Error()
	}
}

func after(pause time.Duration) string {
	if pause == 0 {
		return ""
	}
	return " in " + pause.String()
}
