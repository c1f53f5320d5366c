package grading

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// WriteTable prints one row per student: exercises passed / exercises, per
// lesson and in total; then a note for every lesson that does not build and
// every exercise stopped by the time limit.
func WriteTable(w io.Writer, results []Result) error {
	if len(results) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	// Names are padded to one width, so that they read left-aligned in a
	// table whose numbers are right-aligned.
	width := len("student")
	for _, r := range results {
		width = max(width, len(r.Student))
	}
	fmt.Fprintf(tw, "%-*s\t", width, "student")
	for _, l := range results[0].Lessons {
		fmt.Fprintf(tw, "%s\t", l.Lesson.Short())
	}
	fmt.Fprintln(tw, "total\t")
	var notes []string
	for _, r := range results {
		fmt.Fprintf(tw, "%-*s\t", width, r.Student)
		for _, l := range r.Lessons {
			if l.BuildError != "" {
				fmt.Fprint(tw, "does not build\t")
				notes = append(notes, fmt.Sprintf("%s: %s does not build: %s", r.Student, l.Lesson.Name, l.BuildError))
				continue
			}
			fmt.Fprintf(tw, "%d/%d\t", l.Done(), len(l.Lesson.Exercises))
			for _, test := range l.TimedOut {
				notes = append(notes, fmt.Sprintf("%s: %s %s did not finish within the time limit", r.Student, l.Lesson.Name, test))
			}
			for _, test := range l.LeftBehind {
				notes = append(notes, fmt.Sprintf("%s: %s %s passed, but left goroutines running: it does not count", r.Student, l.Lesson.Name, test))
			}
			for _, test := range l.Lesson.Exercises {
				if why, ok := l.Errors[test]; ok {
					notes = append(notes, fmt.Sprintf("%s: %s %s could not be run: %s", r.Student, l.Lesson.Name, test, why))
				}
			}
		}
		done, total := r.Done()
		fmt.Fprintf(tw, "%d/%d\t\n", done, total)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
	return nil
}

// WriteCSV writes one row per student and one column per exercise (1 passed,
// 0 not; "no build" when its lesson does not build), then the total.
func WriteCSV(w io.Writer, results []Result) error {
	if len(results) == 0 {
		return nil
	}
	out := csv.NewWriter(w)
	header := []string{"student"}
	for _, l := range results[0].Lessons {
		for _, test := range l.Lesson.Exercises {
			header = append(header, fmt.Sprintf("%s/%s", l.Lesson.Name, test))
		}
	}
	header = append(header, "done", "total")
	out.Write(header)
	for _, r := range results {
		row := []string{r.Student}
		for _, l := range r.Lessons {
			for _, test := range l.Lesson.Exercises {
				switch {
				case l.BuildError != "":
					row = append(row, "no build")
				case l.Passed[test]:
					row = append(row, "1")
				default:
					row = append(row, "0")
				}
			}
		}
		done, total := r.Done()
		row = append(row, strconv.Itoa(done), strconv.Itoa(total))
		out.Write(row)
	}
	out.Flush()
	return out.Error()
}
