package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"
)

// Program is one of the lab's commands, a lesson's server or client: what
// -h says about it, and its flags. Every numeric flag is registered with the
// range it accepts (IntVar, DurationVar), so that a bad number is refused
// here, in one place, the same way for every program: one line naming the
// flag and its range, and exit status 2.
type Program struct {
	Name    string // as -h shows it: "lesson03 client"
	Path    string // its folder from the lab's root: "lesson03-timeouts/client"
	Purpose string // one line: what it does

	flags    *flag.FlagSet
	listenOn *string // the -addr of a server, for the warning about every interface
	bad      error   // the first bad value, in the lab's words
}

// NewProgram starts the description of a program: its name, its folder from
// the lab's root, and one line saying what it does.
func NewProgram(name, path, purpose string) *Program {
	p := &Program{Name: name, Path: path, Purpose: purpose}
	p.flags = flag.NewFlagSet(name, flag.ContinueOnError)
	p.flags.SetOutput(io.Discard) // Parse prints its own one line, and -h the help
	p.flags.Usage = func() {}
	return p
}

// Prefix starts every line the program prints about a failure: "server" or
// "client", the last element of its folder.
func (p *Program) Prefix() string { return path.Base(p.Path) }

// StringVar defines a string flag.
func (p *Program) StringVar(v *string, name, value, usage string) {
	p.flags.StringVar(v, name, value, usage)
}

// BoolVar defines a flag that is off unless given.
func (p *Program) BoolVar(v *bool, name string, value bool, usage string) {
	p.flags.BoolVar(v, name, value, usage)
}

// IntVar defines an int flag that accepts only the values in valid.
func (p *Program) IntVar(v *int, name string, value int, valid Range[int], usage string) {
	p.checkDefault(name, valid.contains(value))
	*v = value
	p.flags.Var(p.record(name, intFlag{v, valid}), name, usage)
}

// DurationVar defines a duration flag (5s, 100ms, 1m30s) that accepts only the
// values in valid.
func (p *Program) DurationVar(v *time.Duration, name string, value time.Duration, valid Range[time.Duration], usage string) {
	p.checkDefault(name, valid.contains(value))
	*v = value
	p.flags.Var(p.record(name, durationFlag{v, valid}), name, usage)
}

// checkDefault stops a program whose own default is out of range: a mistake
// in the lab, not the student's, found the first time the program runs.
func (p *Program) checkDefault(name string, ok bool) {
	if !ok {
		panic(fmt.Sprintf("%s: the default of -%s is outside its own range", p.Name, name))
	}
}

// AddrVar defines the -addr flag: host:port, checked with CheckAddr. A server
// (listening) also warns when the address listens on every interface.
func (p *Program) AddrVar(v *string, value string, listening bool, usage string) {
	*v = value
	if listening {
		p.listenOn = v
	}
	p.flags.Var(p.record("addr", addrFlag{v}), "addr", usage)
}

// recordingValue keeps the lab's own explanation of a bad value: the flag
// package keeps only its text.
type recordingValue struct {
	flag.Value
	p    *Program
	name string
}

func (p *Program) record(name string, v flag.Value) flag.Value {
	return recordingValue{v, p, name}
}

func (r recordingValue) Set(s string) error {
	err := r.Value.Set(s)
	if err != nil && r.p.bad == nil {
		var usage usageError
		if !errors.As(err, &usage) { // CheckAddr's errors already say "bad -addr"
			err = usageError{fmt.Errorf("bad -%s %q: %w", r.name, s, err)}
		}
		r.p.bad = err
	}
	return err
}

// addrFlag is -addr, checked by CheckAddr.
type addrFlag struct{ v *string }

func (f addrFlag) Set(s string) error {
	if err := CheckAddr(s, false, io.Discard); err != nil {
		return err
	}
	*f.v = s
	return nil
}

func (f addrFlag) String() string {
	if f.v == nil {
		return ""
	}
	return *f.v
}

// ParseArgs parses args. For -h it returns flag.ErrHelp; for anything wrong,
// an error that Explain turns into one line and exit status 2.
func (p *Program) ParseArgs(args []string) error {
	err := p.flags.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return err
	case p.bad != nil:
		return p.bad
	case err != nil: // an unknown flag, a flag without its value, a bad bool
		return usageError{fmt.Errorf("%v (-h lists every flag)", err)}
	case p.flags.NArg() > 0:
		return usageError{fmt.Errorf("unexpected argument %q: this program takes only flags, written -name value (-h lists them)", p.flags.Arg(0))}
	}
	if p.listenOn != nil {
		CheckAddr(*p.listenOn, true, os.Stderr) // already checked; this only warns
	}
	return nil
}

// Parse parses the command line. -h prints the help and exits with status 0;
// a bad flag prints one line and exits with status 2.
func (p *Program) Parse() {
	err := p.ParseArgs(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		p.Help(os.Stdout)
		os.Exit(ExitOK)
	}
	if err != nil {
		p.Exit(err)
	}
}

// Exit ends the program as Exit does, with the program's prefix.
func (p *Program) Exit(err error) { Exit(p.Prefix(), err) }

// Help writes what -h shows: what the program is, how to run it from the
// current folder, and every flag with its range and default.
func (p *Program) Help(w io.Writer) {
	fmt.Fprintf(w, "%s: %s\n\n", p.Name, p.Purpose)
	fmt.Fprintf(w, "usage: %s [flags]\n\nflags:\n", GoRun(p.Path))
	p.flags.VisitAll(func(f *flag.Flag) {
		placeholder, usage := flag.UnquoteUsage(f)
		if r, ok := f.Value.(recordingValue); ok {
			placeholder = placeholderOf(r.Value, placeholder)
		}
		fmt.Fprintf(w, "  -%s", f.Name)
		if placeholder != "" {
			fmt.Fprintf(w, " %s", placeholder)
		}
		var notes []string
		if r, ok := f.Value.(recordingValue); ok {
			switch v := r.Value.(type) {
			case intFlag:
				notes = append(notes, v.valid.String())
			case durationFlag:
				notes = append(notes, v.valid.String())
			}
		}
		if f.DefValue != "" && f.DefValue != "false" {
			notes = append(notes, "default "+f.DefValue)
		}
		if len(notes) > 0 {
			usage += " (" + strings.Join(notes, "; ") + ")"
		}
		fmt.Fprintf(w, "\n    \t%s\n", usage)
	})
}

// placeholderOf names a flag's value in -h: the `name` in its usage if it has
// one, otherwise what kind of value it is.
func placeholderOf(v flag.Value, unquoted string) string {
	if unquoted != "value" { // the usage named it
		return unquoted
	}
	switch v.(type) {
	case intFlag:
		return "N"
	case durationFlag:
		return "duration"
	case addrFlag:
		return "host:port"
	}
	return unquoted
}
