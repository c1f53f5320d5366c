package grading

import (
	"encoding/json"
	"io"
	"strings"
)

// Class is a whole grading: what `grade -json` writes, and what the table and
// the CSV are made from.
type Class struct {
	Lessons  []Lesson  `json:"lessons"`
	Sandbox  string    `json:"sandbox"` // "on", or why student code ran unconfined
	Students []Student `json:"students"`
}

// Lesson is one lesson of the lab and its exercise tests, in order.
type Lesson struct {
	Name      string   `json:"name"`      // lesson01-basic
	Exercises []string `json:"exercises"` // TestExercise1_ReadAll, …
}

// Short is the lesson's name up to the first dash: lesson01.
func (l Lesson) Short() string { name, _, _ := strings.Cut(l.Name, "-"); return name }

// Student is one student's grade.
type Student struct {
	Name    string         `json:"name"`              // as shown: control characters escaped, unique in the class
	Folder  string         `json:"folder"`            // the folder as given
	Problem string         `json:"problem,omitempty"` // why the folder was not graded at all
	Notes   []string       `json:"notes,omitempty"`   // about the folder, as graded
	Lessons []LessonResult `json:"lessons,omitempty"` // in the order of the lab's lessons
	Done    int            `json:"done"`              // exercises passed
	Total   int            `json:"total"`             // exercises in the lab
}

// Lesson statuses.
const (
	Graded       = "graded"
	Refused      = "refused"        // the student's files broke a rule (see Reason): nothing was built
	DoesNotBuild = "does not build" // Reason is the first compiler error
)

// LessonResult is one lesson of one student.
type LessonResult struct {
	Lesson    string     `json:"lesson"`
	Status    string     `json:"status"` // Graded, Refused or DoesNotBuild
	Reason    string     `json:"reason,omitempty"`
	Notes     []string   `json:"notes,omitempty"`
	Exercises []Exercise `json:"exercises"`
}

// Verdicts of an exercise.
const (
	Passed    = "passed"
	Failed    = "failed"
	TimedOut  = "timed out"
	NotBuilt  = "not built"           // its lesson does not build
	Refusal   = "refused"             // its lesson was refused
	Tampering = "tampering suspected" // the outcomes of its run disagree, or something forged one
)

// Exercise is one exercise test's verdict, and why.
type Exercise struct {
	Test    string `json:"test"`
	Verdict string `json:"verdict"`
	Reason  string `json:"reason,omitempty"`
}

// Done counts the exercises passed.
func (r LessonResult) Done() int {
	n := 0
	for _, e := range r.Exercises {
		if e.Verdict == Passed {
			n++
		}
	}
	return n
}

// Tampered says whether any of the lesson's runs looked forged.
func (r LessonResult) Tampered() bool {
	for _, e := range r.Exercises {
		if e.Verdict == Tampering {
			return true
		}
	}
	return false
}

// count fills in Done and Total.
func (s *Student) count(lessons []Lesson) {
	s.Done, s.Total = 0, 0
	for _, l := range lessons {
		s.Total += len(l.Exercises)
	}
	for _, l := range s.Lessons {
		s.Done += l.Done()
	}
}

// Trouble says whether the class needs the instructor's eyes: a folder that
// could not be graded, or a run that looked forged. `grade` exits 1 then,
// after the whole table.
func (c *Class) Trouble() bool {
	for _, s := range c.Students {
		if s.Problem != "" {
			return true
		}
		for _, l := range s.Lessons {
			if l.Tampered() {
				return true
			}
		}
	}
	return false
}

// WriteJSON writes the class as indented JSON.
func WriteJSON(w io.Writer, c *Class) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}

// ReadJSON reads what WriteJSON wrote.
func ReadJSON(r io.Reader) (*Class, error) {
	var c Class
	if err := json.NewDecoder(r).Decode(&c); err != nil {
		return nil, err
	}
	return &c, nil
}
