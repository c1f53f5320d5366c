package workbench

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// Task is what an exercise asks for: its stub's doc comment and signature,
// read from the student's file.
type Task struct {
	File      string // relative to the lab's root, with slashes
	Doc       string // the doc comment's text, "Exercise 1: read until …"
	Signature string // func ReadAll(conn net.Conn) ([]byte, error)
}

// Task reads exercise e's task from the student's stub, as go/parser sees
// it: the function whose doc comment begins "Exercise N:". If the student's
// file no longer has that comment (or does not parse), the pristine stub's
// is used.
func (lab *Lab) Task(e *Exercise) (Task, error) {
	files, paths, err := stubFiles(e)
	if err != nil {
		return Task{}, err
	}
	for _, p := range paths {
		src, err := os.ReadFile(filepath.Join(lab.Root, filepath.FromSlash(p)))
		if err != nil {
			continue
		}
		if task, ok := findTask(p, src, e.N); ok {
			return task, nil
		}
	}
	for _, p := range paths {
		if task, ok := findTask(p, files[p], e.N); ok {
			return task, nil
		}
	}
	return Task{}, fmt.Errorf("the stub of %s has no doc comment starting \"Exercise %d:\"", e.Name(), e.N)
}

func findTask(path string, src []byte, n int) (Task, bool) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return Task{}, false
	}
	prefix := fmt.Sprintf("Exercise %d:", n)
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Doc == nil || !strings.HasPrefix(fn.Doc.Text(), prefix) {
			continue
		}
		signature := *fn
		signature.Doc, signature.Body = nil, nil
		var buf bytes.Buffer
		if err := printer.Fprint(&buf, fset, &signature); err != nil {
			return Task{}, false
		}
		return Task{File: path, Doc: fn.Doc.Text(), Signature: buf.String()}, true
	}
	return Task{}, false
}
