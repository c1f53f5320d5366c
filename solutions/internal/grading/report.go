package grading

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"
)

// Everything a student controls — folder names, compiler errors that quote
// their code, test output — is printed escaped: no control character, no
// invisible one, can forge a row of the table or reorder its text.

// clean escapes backslashes, and every rune that does not print as itself.
func clean(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i]) // a byte that is not UTF-8
		case r == '\\':
			b.WriteString(`\\`)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r) // '\n', '\x01', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

// displayNames names each student by their folder's name, escaped; names
// that would be the same are told apart by their parent folders.
func displayNames(folders []string) []string {
	names := make([]string, len(folders))
	depth := make([]int, len(folders))
	paths := make([]string, len(folders))
	for i, f := range folders {
		paths[i] = filepath.Clean(f)
	}
	for {
		for i, f := range folders {
			names[i] = clean(lastParts(f, depth[i]+1))
		}
		changed := false
		for i, f := range folders {
			for j := range folders {
				if j != i && names[j] == names[i] && paths[j] != paths[i] && lastParts(f, depth[i]+2) != lastParts(f, depth[i]+1) {
					depth[i]++
					changed = true
					break
				}
			}
		}
		if !changed {
			break
		}
	}
	// The same folder given twice: number them.
	seen := map[string]int{}
	for i := range names {
		seen[names[i]]++
		if n := seen[names[i]]; n > 1 {
			names[i] = fmt.Sprintf("%s (%d)", names[i], n)
		}
	}
	return names
}

// lastParts returns the last n elements of a path, joined with "/".
func lastParts(path string, n int) string {
	path = filepath.ToSlash(filepath.Clean(path))
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if n > len(parts) {
		n = len(parts)
	}
	return strings.Join(parts[len(parts)-n:], "/")
}

// WriteTable prints one row per student: exercises passed / exercises, per
// lesson and in total; then the notes: every folder not graded and why,
// every lesson refused or not built, every exercise stopped by the time
// limit, left running, or suspected of tampering.
func WriteTable(w io.Writer, c *Class) error {
	if len(c.Students) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	// Names are padded to one width, so that they read left-aligned in a
	// table whose numbers are right-aligned.
	width := len("student")
	for _, s := range c.Students {
		width = max(width, utf8.RuneCountInString(s.Name))
	}
	pad := func(name string) string {
		return name + strings.Repeat(" ", width-utf8.RuneCountInString(name))
	}
	fmt.Fprintf(tw, "%s\t", pad("student"))
	for _, l := range c.Lessons {
		fmt.Fprintf(tw, "%s\t", l.Short())
	}
	fmt.Fprintln(tw, "total\t")
	var notes []string
	note := func(s Student, format string, args ...any) {
		notes = append(notes, s.Name+": "+clean(fmt.Sprintf(format, args...)))
	}
	for _, s := range c.Students {
		fmt.Fprintf(tw, "%s\t", pad(s.Name))
		if s.Problem != "" {
			fmt.Fprint(tw, strings.Repeat("-\t", len(c.Lessons)))
			fmt.Fprintf(tw, "-\t  not graded: %s\n", clean(s.Problem))
			note(s, "not graded: %s", s.Problem)
			continue
		}
		for _, n := range s.Notes {
			note(s, "%s", n)
		}
		for _, l := range s.Lessons {
			switch {
			case l.Status == Refused:
				fmt.Fprint(tw, "refused\t")
				note(s, "%s refused: %s", l.Lesson, l.Reason)
				continue
			case l.Status == DoesNotBuild:
				fmt.Fprint(tw, "does not build\t")
				note(s, "%s does not build: %s", l.Lesson, l.Reason)
				continue
			case l.Tampered():
				fmt.Fprint(tw, "tampering\t")
				for _, e := range l.Exercises {
					if e.Verdict == Tampering {
						note(s, "%s: tampering suspected, no exercise counts: %s", l.Lesson, e.Reason)
						break
					}
				}
				continue
			default:
				fmt.Fprintf(tw, "%d/%d\t", l.Done(), len(l.Exercises))
			}
			for _, e := range l.Exercises {
				switch {
				case e.Verdict == TimedOut:
					note(s, "%s %s did not finish within the time limit", l.Lesson, e.Test)
				case e.Verdict == Failed && strings.HasPrefix(e.Reason, "passed, but"):
					note(s, "%s %s %s", l.Lesson, e.Test, e.Reason)
				case e.Verdict == Failed && strings.HasPrefix(e.Reason, "could not be run"):
					note(s, "%s %s %s", l.Lesson, e.Test, e.Reason)
				}
			}
		}
		fmt.Fprintf(tw, "%d/%d\t\n", s.Done, s.Total)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range notes {
		if _, err := fmt.Fprintln(w, n); err != nil {
			return err
		}
	}
	return nil
}

// inert keeps a spreadsheet from reading a CSV cell as a formula.
func inert(cell string) string {
	cell = clean(cell)
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// WriteCSV writes one row per student and one column per exercise (1 passed,
// 0 not; "no build", "refused" or "tampering" for its lesson), then the
// total, and a note for a folder not graded.
func WriteCSV(w io.Writer, c *Class) error {
	if len(c.Students) == 0 {
		return nil
	}
	out := csv.NewWriter(w)
	header := []string{"student"}
	for _, l := range c.Lessons {
		for _, test := range l.Exercises {
			header = append(header, fmt.Sprintf("%s/%s", l.Name, test))
		}
	}
	header = append(header, "done", "total", "note")
	out.Write(header)
	for _, s := range c.Students {
		row := []string{inert(s.Name)}
		if s.Problem != "" {
			for _, l := range c.Lessons {
				for range l.Exercises {
					row = append(row, "")
				}
			}
			out.Write(append(row, "", "", inert("not graded: "+s.Problem)))
			continue
		}
		for _, l := range s.Lessons {
			for _, e := range l.Exercises {
				switch {
				case l.Status == DoesNotBuild:
					row = append(row, "no build")
				case l.Status == Refused:
					row = append(row, "refused")
				case e.Verdict == Tampering:
					row = append(row, "tampering")
				case e.Verdict == Passed:
					row = append(row, "1")
				default:
					row = append(row, "0")
				}
			}
		}
		out.Write(append(row, strconv.Itoa(s.Done), strconv.Itoa(s.Total), inert(strings.Join(s.Notes, "; "))))
	}
	out.Flush()
	return out.Error()
}
