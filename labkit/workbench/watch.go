package workbench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// WatchOptions say how to watch.
type WatchOptions struct {
	Timeout  time.Duration // go test -timeout
	Poll     time.Duration // how often to look at the files for saves (default 1s)
	PollOnly bool          // look only that way, with no file system events
}

// maxOutputLines bounds what watch shows of a failing test's output.
const maxOutputLines = 30

// Watch works through the exercises with the student: it shows the task of
// the next exercise not done (or the one asked for: args are a lesson, and
// maybe an exercise number), runs its test, and runs it again each time a
// .go file of the lesson is saved. When the test passes it moves on to the
// next exercise. Keys: h shows the hint, q quits; so does Ctrl-C (ctx).
func Watch(ctx context.Context, lab *Lab, io IO, args []string, opts WatchOptions) error {
	if opts.Poll == 0 {
		opts.Poll = time.Second
	}
	status := newStatusLine(io.Err)
	e, err := lab.firstExercise(ctx, args, opts, status)
	if err != nil || e == nil {
		return quietOnCancel(ctx, err)
	}
	keys, restore := readKeys(io.In)
	defer restore()

	var known *LessonResult // the next exercise's first run, made to find it
	for e != nil {
		next, err := lab.watchOne(ctx, e, known, io, keys, opts, status)
		if err != nil || next == nil {
			return quietOnCancel(ctx, err)
		}
		e, known = next.Results[0].Exercise, next
	}
	return nil
}

// quietOnCancel is nil once the student has stopped watching with Ctrl-C.
func quietOnCancel(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// firstExercise is the exercise asked for, or the first one not done: the
// lessons' tests run one lesson at a time, and stop at the first lesson with
// an exercise not done.
func (lab *Lab) firstExercise(ctx context.Context, args []string, opts WatchOptions, status *statusLine) (*Exercise, error) {
	switch len(args) {
	case 2:
		return lab.Exercise(args[0], args[1])
	case 1:
		l, err := lab.Lesson(args[0])
		if err != nil {
			return nil, err
		}
		return lab.nextNotDone(ctx, []*Lesson{l}, opts, status)
	}
	return lab.nextNotDone(ctx, lab.Lessons, opts, status)
}

func (lab *Lab) nextNotDone(ctx context.Context, lessons []*Lesson, opts WatchOptions, status *statusLine) (*Exercise, error) {
	for _, l := range lessons {
		if _, err := lab.Build(ctx, []string{l.Package()}, status); err != nil {
			return nil, err
		}
		status.Update("testing %s", l.Name)
		p, err := lab.Check(ctx, []*Lesson{l}, CheckOptions{Timeout: opts.Timeout})
		status.Clear()
		if err != nil {
			return nil, err
		}
		if next := p.Next(); next != nil {
			return next.Exercise, nil
		}
	}
	status.Println("Every exercise passes its test: well done. (go tool lab watch LESSON EXERCISE works on one of them again.)")
	return nil, nil
}

// following returns the exercises after e, in the lab's order.
func (lab *Lab) following(e *Exercise) []*Exercise {
	all := lab.Exercises()
	for i, x := range all {
		if x == e {
			return all[i+1:]
		}
	}
	return nil
}

// watchOne shows exercise e and runs its test on every save until it passes
// (then it returns the first run of the next exercise not done, nil when
// none is left), the student quits (nil), or ctx ends. known, if not nil, is
// the first run, already made.
func (lab *Lab) watchOne(ctx context.Context, e *Exercise, known *LessonResult, io IO, keys <-chan byte, opts WatchOptions, status *statusLine) (*LessonResult, error) {
	lab.showTask(io, e)
	dir := filepath.Join(lab.Root, e.Lesson.Name)
	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	pokes := saves(watchCtx, dir, opts.Poll, opts.PollOnly)
	if _, err := lab.Build(ctx, []string{e.Lesson.Package()}, status); err != nil {
		return nil, err
	}
	for run := 1; ; run++ {
		before := takeSnapshot(dir)
		r, quit, err := lab.runWatched(ctx, e, known, io, keys, opts, run)
		if err != nil || quit {
			return nil, err
		}
		known = nil
		if r.Status == Done {
			fmt.Fprintf(io.Out, "\n%s passes its test: done.\n", e.Name())
			for _, next := range lab.following(e) {
				status.Update("testing %s", next.Name())
				res, err := lab.CheckOne(ctx, next, CheckOptions{Timeout: opts.Timeout})
				status.Clear()
				if err != nil {
					return nil, err
				}
				if res.Results[0].Status != Done {
					fmt.Fprintf(io.Out, "\nNext: %s.\n", next.Name())
					return &res, nil
				}
				fmt.Fprintf(io.Out, "%s passes already.\n", next.Name())
			}
			fmt.Fprintln(io.Out, "\nEvery exercise passes its test: well done.")
			return nil, nil
		}
		fmt.Fprintf(io.Out, "\nSave a file in %s/ and the test runs again. h: hint, q: quit\n", e.Lesson.Name)
		if quit, err := lab.waitForSave(ctx, e, io, keys, pokes, dir, before); quit || err != nil {
			return nil, err
		}
	}
}

// runWatched runs e's test once (unless known is that run) and shows the
// result; h and q work while it runs.
func (lab *Lab) runWatched(ctx context.Context, e *Exercise, known *LessonResult, io IO, keys <-chan byte, opts WatchOptions, run int) (Result, bool, error) {
	fmt.Fprintf(io.Out, "\n--- run %d, %s: go test -run '^%s$' ./%s/exercises/\n", run, time.Now().Format("15:04:05"), e.Test, e.Lesson.Name)
	if known != nil {
		showResult(io, *known)
		return known.Results[0], false, nil
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	type outcome struct {
		r   LessonResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		r, err := lab.CheckOne(runCtx, e, CheckOptions{Timeout: opts.Timeout})
		done <- outcome{r, err}
	}()
	for {
		select {
		case o := <-done:
			if o.err != nil {
				return Result{}, false, o.err
			}
			showResult(io, o.r)
			return o.r.Results[0], false, nil
		case k, ok := <-keys:
			if !ok {
				keys = nil // stdin closed: only Ctrl-C and saves from now on
				continue
			}
			if lab.key(io, e, k) {
				cancel()
				<-done
				return Result{}, true, nil
			}
		}
	}
}

// waitForSave waits until a .go file of the lesson differs from before. It
// says whether the student quit.
func (lab *Lab) waitForSave(ctx context.Context, e *Exercise, io IO, keys <-chan byte, pokes <-chan struct{}, dir string, before snapshot) (bool, error) {
	for {
		select {
		case <-ctx.Done():
			return true, ctx.Err()
		case <-pokes:
			if !takeSnapshot(dir).equal(before) {
				return false, nil
			}
		case k, ok := <-keys:
			if !ok {
				keys = nil
				continue
			}
			if lab.key(io, e, k) {
				return true, nil
			}
		}
	}
}

// key acts on a key the student typed, and says whether it was q.
func (lab *Lab) key(io IO, e *Exercise, k byte) (quit bool) {
	switch k {
	case 'q', 'Q':
		fmt.Fprintln(io.Out, "bye: go tool lab shows where you stand, go tool lab watch takes you back here")
		return true
	case 'h', 'H':
		hint, err := lab.Hint(e)
		if err != nil {
			hint = err.Error() + "\n"
		}
		fmt.Fprintf(io.Out, "\n%s", hint)
	case '\n', '\r', ' ':
	default:
		fmt.Fprintln(io.Out, "h: hint, q: quit (saving a file runs the test again)")
	}
	return false
}

// showTask prints what the exercise asks for, from the student's stub.
func (lab *Lab) showTask(io IO, e *Exercise) {
	fmt.Fprintf(io.Out, "\n=== %s of %d: %s\n", e.Name(), len(e.Lesson.Exercises), e.Title)
	task, err := lab.Task(e)
	if err != nil {
		fmt.Fprintf(io.Out, "(%v)\n", err)
		return
	}
	fmt.Fprintf(io.Out, "Edit %s:\n\n", task.File)
	for _, line := range strings.Split(strings.TrimRight(task.Doc, "\n"), "\n") {
		fmt.Fprintln(io.Out, strings.TrimRight("    "+line, " "))
	}
	fmt.Fprintf(io.Out, "\n    %s\n", task.Signature)
}

// showResult prints how a run went: the status, and the test's own words.
func showResult(io IO, r LessonResult) {
	res := r.Results[0]
	switch {
	case r.BuildError != "":
		fmt.Fprintf(io.Out, "%s: %s\n", res.Status, r.BuildError)
		return
	case res.Status == Done:
		fmt.Fprintln(io.Out, "PASS")
		return
	}
	fmt.Fprintf(io.Out, "%s:\n", strings.ToUpper(string(res.Status)))
	lines := strings.Split(res.Output, "\n")
	if len(lines) > maxOutputLines {
		rest := len(lines) - maxOutputLines
		lines = append(lines[:maxOutputLines], fmt.Sprintf("… %d more lines (go test -v -run %s ./%s/exercises/ shows them all)", rest, res.Exercise.Test, r.Lesson.Name))
	}
	fmt.Fprintln(io.Out, strings.Join(lines, "\n"))
}

// readKeys delivers the keys the student types: one at a time on a
// terminal, a line at a time elsewhere. The channel closes at the end of
// the input. restore puts the terminal back.
func readKeys(in interface{ Read([]byte) (int, error) }) (<-chan byte, func()) {
	restore := func() {}
	if f, ok := in.(*os.File); ok {
		if r, err := keysMode(f); err == nil {
			restore = r
		}
	}
	keys := make(chan byte, 16)
	go func() {
		defer close(keys)
		buf := make([]byte, 64)
		for {
			n, err := in.Read(buf)
			for _, k := range buf[:n] {
				keys <- k
			}
			if err != nil {
				return
			}
		}
	}()
	return keys, restore
}
