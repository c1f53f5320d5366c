package workbench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// IO is where a verb reads the student's answers and writes what it has to say.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// Failed is returned by a verb that has already said what is wrong: the
// command only exits non-zero.
type Failed string

func (f Failed) Error() string { return string(f) }

// ListOptions say how to list.
type ListOptions struct {
	JSON    bool
	Timeout time.Duration
}

// List checks every lesson (or those named in args) and prints where the
// student stands.
func List(ctx context.Context, lab *Lab, io IO, args []string, opts ListOptions) error {
	lessons := lab.Lessons
	if len(args) > 0 {
		lessons = nil
		for _, arg := range args {
			l, err := lab.Lesson(arg)
			if err != nil {
				return err
			}
			lessons = append(lessons, l)
		}
	}
	status := newStatusLine(io.Err)
	if _, err := lab.Build(ctx, lab.packages(lessons), status); err != nil {
		return err
	}
	p, err := lab.Check(ctx, lessons, CheckOptions{Timeout: opts.Timeout, Status: status})
	if err != nil {
		return err
	}
	if opts.JSON {
		return WriteListJSON(io.Out, p)
	}
	return WriteList(io.Out, p)
}

func (lab *Lab) packages(lessons []*Lesson) []string {
	var pkgs []string
	for _, l := range lessons {
		pkgs = append(pkgs, l.Package())
	}
	return pkgs
}

// ShowHint prints the README's section for an exercise.
func ShowHint(lab *Lab, io IO, lessonArg, nArg string) error {
	e, err := lab.Exercise(lessonArg, nArg)
	if err != nil {
		return err
	}
	hint, err := lab.Hint(e)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(io.Out, "%s (from %s/README.md)\n\n%s", e.Name(), e.Lesson.Name, hint)
	return err
}

// ResetExercise puts an exercise's stubs back, after asking unless yes.
func ResetExercise(lab *Lab, io IO, lessonArg, nArg string, yes bool) error {
	e, err := lab.Exercise(lessonArg, nArg)
	if err != nil {
		return err
	}
	r, err := lab.PlanReset(e)
	if err != nil {
		return err
	}
	if len(r.Changed) == 0 && len(r.Missing) == 0 {
		_, err := fmt.Fprintf(io.Out, "%s is as it was handed out: %s\n", e.Name(), strings.Join(r.Files(), ", "))
		return err
	}
	if len(r.Changed) > 0 && !yes {
		fmt.Fprintf(io.Out, "Put %s back as it was handed out? Your changes to %s are lost. [y/N] ", e.Name(), strings.Join(r.Changed, ", "))
		answer, _ := bufio.NewReader(io.In).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(io.Out, "left as it is")
			return nil
		}
	}
	if err := r.Apply(lab.Root); err != nil {
		return err
	}
	for _, p := range append(append([]string{}, r.Changed...), r.Missing...) {
		fmt.Fprintf(io.Out, "put back %s\n", p)
	}
	return nil
}
