package grading

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/solutions/internal/lab"
)

var (
	vetOnce    sync.Once
	testVetter *vetter
	vetErr     error
)

// labVetter is a vetter for every lesson of this lab, made once.
func labVetter(t *testing.T) (*vetter, string, []Lesson) {
	t.Helper()
	root, err := lab.Root()
	require.NoError(t, err)
	lessons, err := Lessons(root)
	require.NoError(t, err)
	vetOnce.Do(func() {
		var g *goTool
		if g, vetErr = newGoTool(context.Background()); vetErr != nil {
			return
		}
		var packages []string
		for _, l := range lessons {
			a, err := ReadAllowlist(root, l.Name)
			if err != nil {
				vetErr = err
				return
			}
			packages = append(packages, a.Paths()...)
		}
		testVetter, vetErr = newVetter(context.Background(), g, root, packages)
	})
	require.NoError(t, vetErr)
	return testVetter, root, lessons
}

func allowlist(t *testing.T, root, lesson string) Allowlist {
	t.Helper()
	a, err := ReadAllowlist(root, lesson)
	require.NoError(t, err)
	return a
}

// The stubs, and the stubs with the reference solutions swapped in, pass the
// vetting: allowed.txt lists what they use. (When a solution starts to use
// something new, add it to its lesson's allowed.txt, if a student may.)
func TestVet_StubsAndSolutionsPass(t *testing.T) {
	v, root, lessons := labVetter(t)
	data, err := os.ReadFile(filepath.Join(root, "solutions", "overlay.json"))
	require.NoError(t, err)
	var overlay struct{ Replace map[string]string }
	require.NoError(t, json.Unmarshal(data, &overlay))
	for _, l := range lessons {
		stubs, missing, refused := takeLesson(root, l.Name)
		require.False(t, missing)
		require.Nil(t, refused)
		refusedBy, buildError := v.vet(packagePath(l), l.Name+"/exercises", stubs, allowlist(t, root, l.Name))
		require.Nil(t, refusedBy, "the stubs of %s", l.Name)
		require.Empty(t, buildError)

		solved := append([]sourceFile(nil), stubs...)
		for i, f := range solved {
			if solution, ok := overlay.Replace[l.Name+"/exercises/"+f.Name]; ok {
				solved[i].Data, err = os.ReadFile(filepath.Join(root, solution))
				require.NoError(t, err)
			}
		}
		refusedBy, buildError = v.vet(packagePath(l), l.Name+"/exercises", solved, allowlist(t, root, l.Name))
		require.Nil(t, refusedBy, "the reference solutions of %s", l.Name)
		require.Empty(t, buildError)
	}
}

// The verdict channel is opened in TestMain, before any student code can run:
// so the lab's own exercise tests must not call into the student's package
// from an init function or a package-level initialiser.
func TestVet_LabTestsCallNoStudentCodeBeforeTestMain(t *testing.T) {
	_, root, lessons := labVetter(t)
	for _, l := range lessons {
		files, err := filepath.Glob(filepath.Join(root, l.Name, "exercises", "*_test.go"))
		require.NoError(t, err)
		for _, file := range files {
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
			require.NoError(t, err)
			student := ""
			for _, spec := range f.Imports {
				if path, _ := strconv.Unquote(spec.Path.Value); path == packagePath(l) {
					student = "exercises"
					if spec.Name != nil {
						student = spec.Name.Name
					}
				}
			}
			for _, decl := range f.Decls {
				var early ast.Node // code that runs before TestMain
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil && d.Name.Name == "init" {
						early = d
					}
				case *ast.GenDecl:
					if d.Tok == token.VAR {
						early = d
					}
				}
				if early == nil || student == "" {
					continue
				}
				ast.Inspect(early, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						if id, ok := sel.X.(*ast.Ident); ok && id.Name == student {
							t.Errorf("%s: %s.%s before TestMain: student code would run before the grader's key is dropped", file, student, sel.Sel.Name)
						}
					}
					return true
				})
			}
		}
	}
}

func TestVet_Rules(t *testing.T) {
	v, root, lessons := labVetter(t)
	var l01, l05 Lesson
	for _, l := range lessons {
		switch {
		case strings.HasPrefix(l.Name, "lesson01-"):
			l01 = l
		case strings.HasPrefix(l.Name, "lesson05-"):
			l05 = l
		}
	}
	const readAll = "package exercises\n\nimport \"net\"\n\nfunc ReadAll(conn net.Conn) ([]byte, error) { return nil, nil }\n\nfunc ServeOne(ln net.Listener) error { return nil }\n"
	cases := []struct {
		name, lesson, src string
		want              string // in the refusal (file:line: rule); "" if allowed
		wantBuild         string // in the build error instead
	}{
		{"a plain solution", l01.Name, readAll, "", ""},
		{"init", l01.Name, readAll + "\nfunc init() { println(\"--- PASS\") }\n", "messages.go:9: func init: init functions are not allowed", ""},
		{"cgo", l01.Name, "package exercises\n\n// void f() {}\nimport \"C\"\n", `messages.go:4: import "C": cgo is not allowed`, ""},
		{"unsafe", l01.Name, "package exercises\n\nimport \"unsafe\"\n\nvar n = unsafe.Sizeof(0)\n", `messages.go:3: import "unsafe" is not allowed`, ""},
		{"linkname", l01.Name, "package exercises\n\nimport _ \"unsafe\"\n\n//go:linkname f runtime.f\nfunc f()\n", `messages.go:3: import "unsafe" is not allowed`, ""},
		{"linkname alone", l01.Name, "package exercises\n\n//go:linkname f runtime.f\nfunc f() {}\n", "messages.go:3: //go:linkname: no //go: directive is allowed but //go:build", ""},
		{"embed", l01.Name, "package exercises\n\n//go:embed x\nvar f string\n", "messages.go:3: //go:embed", ""},
		{"generate", l01.Name, "package exercises\n\n//go:generate sh -c evil\n", "//go:generate", ""},
		{"line directive", l01.Name, "package exercises\n\n//line other.go:1\nfunc f() {}\n", "//line directives are not allowed", ""},
		{"build tags are fine", l01.Name, "//go:build linux || darwin\n\npackage exercises\n", "", ""},
		{"no body", l01.Name, "package exercises\n\nfunc f()\n", "messages.go:3: func f has no body", ""},
		{"a package not allowed", l01.Name, "package exercises\n\nimport \"os/exec\"\n\nvar _ = exec.Command\n", `messages.go:3: import "os/exec": not in lesson01-basic/exercises/allowed.txt`, ""},
		{"a name not allowed", l01.Name, "package exercises\n\nimport \"os\"\n\nfunc f() { os.Exit(0) }\n", "messages.go:5: os.Exit: not in lesson01-basic/exercises/allowed.txt", ""},
		{"a name allowed", l01.Name, "package exercises\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc f() { fmt.Fprintln(os.Stderr, \"debug\") }\n", "", ""},
		{"a name allowed in lesson 5 only", l01.Name, "package exercises\n\nimport \"os\"\n\nvar f = os.NewFile\n", "os.NewFile: not in", ""},
		{"dot import", l01.Name, "package exercises\n\nimport . \"fmt\"\n\nfunc f() { Println() }\n", "dot imports are not allowed", ""},
		{"a call at package level", l01.Name, "package exercises\n\nvar x = f()\n\nfunc f() int { return 1 }\n", "messages.go:3: a package-level variable's initialiser calls f", ""},
		{"a function literal called at package level", l01.Name, "package exercises\n\nvar x = func() int { return 1 }()\n", "calls a function literal", ""},
		{"a standard function with a variable", l01.Name, "package exercises\n\nimport \"fmt\"\n\nvar s = \"x\"\nvar err = fmt.Errorf(\"%v\", s)\n", "calls fmt.Errorf with an argument that is not a constant", ""},
		{"a constant of the student's type, whose String runs", l05.Name, "package exercises\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\ntype steal int\n\nvar _ = fmt.Sprint(steal(0))\n\nfunc (steal) String() string { os.NewFile(3, \"verdict\").Read(make([]byte, 32)); return \"\" }\n", "messages.go:10: a package-level variable's initialiser calls fmt.Sprint with a constant of type steal", ""},
		{"a constant of the student's type, whose Error runs", l01.Name, "package exercises\n\nimport \"fmt\"\n\ntype e string\n\nfunc (e) Error() string { return \"\" }\n\nvar err = fmt.Errorf(\"%w\", e(\"x\"))\n", "messages.go:9: a package-level variable's initialiser calls fmt.Errorf with a constant of type e", ""},
		{"a constant of the student's type, through an alias", l01.Name, "package exercises\n\nimport \"errors\"\n\ntype e int\ntype alias = e\n\nfunc (e) Is(error) bool { return true }\nfunc (e) Error() string { return \"\" }\n\nvar yes = errors.Is(alias(1), alias(2))\n", "calls errors.Is with a constant of type e", ""},
		{"a method call at package level", l01.Name, "package exercises\n\nimport \"strings\"\n\nvar b strings.Builder\nvar n = b.Len()\n", "calls b.Len", ""},
		{"a channel receive at package level", l01.Name, "package exercises\n\nvar c = make(chan int)\nvar x = <-c\n", "receives from a channel", ""},
		{"initialisers that run no code", l01.Name, "package exercises\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n\t\"time\"\n)\n\nvar errX = errors.New(\"x\")\nvar d = 2 * time.Second\nvar m = map[string]int{\"a\": len(\"bc\")}\nvar f = func() error { return errX }\nvar c = make(chan int, 1)\nvar t = time.Duration(5)\nvar s = time.Duration(5).String\nvar u = fmt.Sprint(time.Second)\n", "", ""},
		{"assigning another package's variable", l01.Name, "package exercises\n\nimport \"os\"\n\nfunc f() { os.Stdout = nil }\n", "messages.go:5: assigns to os.Stdout", ""},
		{"assigning through another package's variable", l01.Name, "package exercises\n\nimport \"os\"\n\nfunc f() { *os.Stdout = *os.Stderr }\n", "assigns to os.Stdout", ""},
		{"taking its address", l01.Name, "package exercises\n\nimport \"os\"\n\nfunc f() { p := &os.Stdout; _ = p }\n", "&os.Stdout", ""},
		{"a compile error", l01.Name, "package exercises\n\nfunc f() { return nonsense }\n", "", "messages.go:3:19: undefined: nonsense"},
		{"a syntax error", l01.Name, "package exercises\n\nfunc f( {\n", "", "messages.go:3"},
		{"lesson 5 may hand over a socket", l05.Name, "package exercises\n\nimport (\n\t\"net\"\n\t\"os\"\n)\n\nfunc f() (net.Listener, error) { return net.FileListener(os.NewFile(3, \"x\")) }\n", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := l01
			if tc.lesson == l05.Name {
				l = l05
			}
			refused, buildError := v.vet(packagePath(l), l.Name+"/exercises", []sourceFile{{Name: "messages.go", Data: []byte(tc.src)}}, allowlist(t, root, l.Name))
			if tc.want == "" {
				require.Nil(t, refused)
			} else {
				require.NotNil(t, refused, "want a refusal: %s", tc.want)
				require.Contains(t, refused.String(), l.Name+"/exercises/")
				require.Contains(t, refused.String(), tc.want)
			}
			if tc.wantBuild == "" {
				require.Empty(t, buildError)
			} else {
				require.Contains(t, buildError, tc.wantBuild)
			}
		})
	}
}

func TestReadAllowlist(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "lesson09-x", "exercises"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "lesson09-x", AllowedFile), []byte("# comment\nnet\nos.Stdout # why\ngolang.org/x/sys/unix.SetsockoptInt\nmath/rand/v2\n"), 0o644))
	a, err := ReadAllowlist(root, "lesson09-x")
	require.NoError(t, err)
	require.True(t, a.allows("net", "Dial"))
	require.True(t, a.allows("os", "Stdout"))
	require.False(t, a.allows("os", "Exit"))
	require.True(t, a.allows("golang.org/x/sys/unix", "SetsockoptInt"))
	require.False(t, a.allows("golang.org/x/sys/unix", "Syscall"))
	require.True(t, a.allows("math/rand/v2", "IntN"))
	require.Equal(t, []string{"golang.org/x/sys/unix", "math/rand/v2", "net", "os"}, a.Paths())

	require.NoError(t, os.WriteFile(filepath.Join(root, "lesson09-x", AllowedFile), []byte("syscall.*\n"), 0o644))
	_, err = ReadAllowlist(root, "lesson09-x")
	require.ErrorContains(t, err, "lesson09-x/exercises/allowed.txt:1")
}

// The vetter leaves out of the type check only the files the go command
// leaves out of the build: build tags are the go command's, not this
// program's go/build defaults, which read this program's environment (the
// go command gets a cleaned one: GOEXPERIMENT=nogreenteagc for the grader
// alone let a file for goexperiment.greenteagc in unvetted). Here the go
// command alone has GOAMD64=v3: a file for amd64.v3 is built, so it is
// vetted.
func TestVet_BuildTagsOfTheGoCommand(t *testing.T) {
	if runtime.GOARCH != "amd64" || os.Getenv("GOAMD64") != "" {
		t.Skip("needs amd64 with GOAMD64 unset")
	}
	v, root, lessons := labVetter(t)
	g, err := newGoTool(context.Background())
	require.NoError(t, err)
	g.env = append(g.env, "GOAMD64=v3")
	ctxt, err := goBuildContext(context.Background(), g, root)
	require.NoError(t, err)
	require.Contains(t, ctxt.ToolTags, "amd64.v3", "the go command's tags")
	require.False(t, ctxt.CgoEnabled)

	v3 := &vetter{fset: v.fset, importer: v.importer, build: ctxt}
	l := lessons[0]
	src := "//go:build amd64.v3\n\npackage exercises\n\nimport \"os\"\n\nvar _ = os.Getenv(\"GOAMD64\")\n"
	refused, buildError := v3.vet(packagePath(l), l.Name+"/exercises", []sourceFile{{Name: "fast.go", Data: []byte(src)}}, allowlist(t, root, l.Name))
	require.Empty(t, buildError)
	require.NotNil(t, refused, "a file the go command builds was left unvetted")
	require.Contains(t, refused.String(), "fast.go:7: os.Getenv: not in")
}
