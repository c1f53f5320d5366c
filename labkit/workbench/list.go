package workbench

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteList prints where the student stands: every lesson checked with its
// count, every exercise with its status, the total, and what to do next.
func WriteList(w io.Writer, p Progress) error {
	width := 0
	for _, l := range p {
		for _, r := range l.Results {
			if l.BuildError == "" {
				width = max(width, len(r.Status))
			}
		}
	}
	for _, l := range p {
		if l.BuildError != "" {
			fmt.Fprintf(w, "%s: does not build\n  %s\n", l.Lesson.Name, l.BuildError)
			continue
		}
		fmt.Fprintf(w, "%s: %d/%d\n", l.Lesson.Name, l.Done(), len(l.Results))
		for _, r := range l.Results {
			fmt.Fprintf(w, "  %d  %-*s  %s\n", r.Exercise.N, width, r.Status, r.Exercise.Title)
		}
	}
	done, total := p.Done()
	fmt.Fprintf(w, "\n%d/%d exercises done.", done, total)
	next := p.Next()
	if next == nil {
		_, err := fmt.Fprintln(w, " Every exercise passes its test: well done.")
		return err
	}
	e := next.Exercise
	fmt.Fprintf(w, " Next: %s, %s.\n", e.Name(), e.Title)
	_, err := fmt.Fprintf(w, "  go tool lab watch         work on it: its test runs again on every save\n"+
		"  go tool lab hint %d %d      the README's hints for it\n", e.Lesson.Number(), e.N)
	return err
}

// The -json form of a list, for tools.
type jsonList struct {
	Done    int          `json:"done"`
	Total   int          `json:"total"`
	Lessons []jsonLesson `json:"lessons"`
}

type jsonLesson struct {
	Lesson     string         `json:"lesson"`
	Done       int            `json:"done"`
	Total      int            `json:"total"`
	BuildError string         `json:"build_error,omitempty"`
	Exercises  []jsonExercise `json:"exercises"`
}

type jsonExercise struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
	Test   string `json:"test"`
	Status Status `json:"status"`
	Output string `json:"output,omitempty"`
}

// WriteListJSON prints the list as one JSON object.
func WriteListJSON(w io.Writer, p Progress) error {
	var out jsonList
	out.Done, out.Total = p.Done()
	for _, l := range p {
		jl := jsonLesson{Lesson: l.Lesson.Name, Done: l.Done(), Total: len(l.Results), BuildError: l.BuildError, Exercises: []jsonExercise{}}
		for _, r := range l.Results {
			jl.Exercises = append(jl.Exercises, jsonExercise{Number: r.Exercise.N, Title: r.Exercise.Title, Test: r.Exercise.Test, Status: r.Status, Output: r.Output})
		}
		out.Lessons = append(out.Lessons, jl)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
