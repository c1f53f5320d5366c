package grading

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Student files are vetted before they are built, so that no student code
// runs before the tests start — when the exercise tests take the grader's key
// (see socketlab/labkit/verdict) — and none reaches beyond what the lesson
// needs. A lesson whose files break a rule is refused: it scores 0, and the
// note names the file, the line and the rule.
//
//   - no cgo (import "C"), no unsafe, no //go: directive but //go:build (no
//     linkname, embed, generate, …), no //line directive, no function
//     without a body (assembly);
//   - no init function, and no package-level variable whose initialiser runs
//     code: calls of the standard library's functions with constant
//     arguments (errors.New("…")), conversions and make/new/len are all —
//     and no constant of the student's own type, whose methods (String,
//     Error) the function would call;
//   - only the packages and names listed in the lesson's exercises/allowed.txt
//     (no dot or blank imports), and no assignment to another package's
//     variables (os.Stdout = …).

// AllowedFile is where a lesson lists what its exercise files may use.
const AllowedFile = "exercises/allowed.txt"

// Allowlist is what one lesson's exercise files may use from other packages.
type Allowlist struct {
	File     string                     // where it was read, relative to the lab
	Packages map[string]bool            // every name of these packages
	Names    map[string]map[string]bool // package -> the only names allowed
}

// ReadAllowlist reads a lesson's allowed.txt: one entry a line, a package path
// (all of it) or path.Name (one name); # starts a comment.
func ReadAllowlist(root, lesson string) (Allowlist, error) {
	rel := lesson + "/" + AllowedFile
	a := Allowlist{File: rel, Packages: map[string]bool{}, Names: map[string]map[string]bool{}}
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return a, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.ContainsAny(line, " \t*") {
			return a, fmt.Errorf("%s:%d: %q is not a package path or path.Name", rel, n, line)
		}
		slash := strings.LastIndexByte(line, '/')
		if dot := strings.IndexByte(line[slash+1:], '.'); dot >= 0 {
			pkg, name := line[:slash+1+dot], line[slash+2+dot:]
			if a.Names[pkg] == nil {
				a.Names[pkg] = map[string]bool{}
			}
			a.Names[pkg][name] = true
		} else {
			a.Packages[line] = true
		}
	}
	return a, sc.Err()
}

// Paths lists every package the allowlist names.
func (a Allowlist) Paths() []string {
	var paths []string
	for p := range a.Packages {
		paths = append(paths, p)
	}
	for p := range a.Names {
		if !a.Packages[p] {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

func (a Allowlist) importable(pkg string) bool { return a.Packages[pkg] || a.Names[pkg] != nil }

func (a Allowlist) allows(pkg, name string) bool { return a.Packages[pkg] || a.Names[pkg][name] }

// vetter vets students' files with the types of the packages they may import,
// read once from the go command's export data.
type vetter struct {
	mu       sync.Mutex
	fset     *token.FileSet
	importer types.Importer
	build    build.Context // the go command's: which files it compiles
}

// newVetter loads the export data of packages (and what they import) in the
// lab at root.
func newVetter(ctx context.Context, g *goTool, root string, packages []string) (*vetter, error) {
	args := append([]string{"list", "-e", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}\t{{with .Error}}{{.Err}}{{end}}"}, packages...)
	out, err := g.command(ctx, root, args...).Output()
	if err != nil {
		return nil, fmt.Errorf("go list of the packages the exercises may use: %v%s", err, stderrOf(err))
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) == 3 && fields[2] != "" {
			return nil, fmt.Errorf("a package in an allowed.txt: %s: %s", fields[0], fields[2])
		}
		if len(fields) >= 2 && fields[1] != "" {
			exports[fields[0]] = fields[1]
		}
	}
	ctxt, err := goBuildContext(ctx, g, root)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	}
	return &vetter{fset: fset, importer: importer.ForCompiler(fset, "gc", lookup), build: ctxt}, nil
}

// goBuildContext asks the go command which build tags hold when it builds:
// not this program's go/build defaults, which GOEXPERIMENT and GOAMD64 in
// the grader's environment (the go command's is cleaned) or in the go env
// file change. A file vetted as left out of the build must be left out.
func goBuildContext(ctx context.Context, g *goTool, root string) (build.Context, error) {
	const format = "{{context.GOOS}}\t{{context.GOARCH}}\t{{context.Compiler}}\t{{context.CgoEnabled}}\t" +
		"{{join context.BuildTags \",\"}}\t{{join context.ToolTags \",\"}}\t{{join context.ReleaseTags \",\"}}"
	out, err := g.command(ctx, root, "list", "-f", format, "runtime").Output()
	if err != nil {
		return build.Context{}, fmt.Errorf("go list of the build context: %v%s", err, stderrOf(err))
	}
	fields := strings.Split(strings.TrimSpace(string(out)), "\t")
	if len(fields) != 7 {
		return build.Context{}, fmt.Errorf("go list of the build context: %q", out)
	}
	tags := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, ctxt.Compiler = fields[0], fields[1], fields[2]
	ctxt.CgoEnabled = fields[3] == "true"
	ctxt.BuildTags, ctxt.ToolTags, ctxt.ReleaseTags = tags(fields[4]), tags(fields[5]), tags(fields[6])
	return ctxt, nil
}

// vet checks one lesson's files (the package pkgPath, in folder rel of the
// lab). It returns the first rule broken, or the first compile error (the
// lesson does not build), or neither.
func (v *vetter) vet(pkgPath, rel string, files []sourceFile, allow Allowlist) (refused *refusal, buildError string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	ctxt := v.build
	contents := map[string][]byte{}
	for _, f := range files {
		contents[f.Name] = f.Data
	}
	ctxt.OpenFile = func(path string) (io.ReadCloser, error) {
		data, ok := contents[filepath.Base(path)]
		if !ok {
			return nil, os.ErrNotExist
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}

	c := &checker{rel: rel, fset: v.fset, allow: allow}
	var compiled []*ast.File
	for _, f := range files {
		name := rel + "/" + f.Name
		af, err := parser.ParseFile(v.fset, name, f.Data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, firstError(err)
		}
		c.syntax(af)
		if match, err := ctxt.MatchFile(rel, f.Name); err == nil && match {
			compiled = append(compiled, af)
		}
	}
	if c.refused != nil {
		return c.refused, ""
	}
	c.info = &types.Info{Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	var typeErr error
	conf := types.Config{Importer: v.importer, Error: func(err error) {
		if typeErr == nil {
			typeErr = err
		}
	}}
	c.pkg, _ = conf.Check(pkgPath, v.fset, compiled, c.info)
	if typeErr != nil {
		return nil, typeErr.Error()
	}
	for _, af := range compiled {
		c.semantics(af)
	}
	return c.refused, ""
}

func firstError(err error) string {
	if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
		return list[0].Error()
	}
	return err.Error()
}

// checker applies the rules to one lesson's files, keeping the first broken.
type checker struct {
	rel     string
	fset    *token.FileSet
	allow   Allowlist
	info    *types.Info
	pkg     *types.Package
	refused *refusal
}

// refuse records a broken rule; the first in the files' order is kept.
func (c *checker) refuse(at token.Pos, format string, args ...any) {
	p := c.fset.Position(at)
	if r := c.refused; r != nil && (r.File < p.Filename || r.File == p.Filename && r.Line <= p.Line) {
		return
	}
	c.refused = &refusal{File: p.Filename, Line: p.Line, Rule: fmt.Sprintf(format, args...)}
}

// syntax applies the rules that need no types.
func (c *checker) syntax(f *ast.File) {
	for _, group := range f.Comments {
		for _, comment := range group.List {
			text := comment.Text
			switch {
			case text == "//go:build" || strings.HasPrefix(text, "//go:build "):
			case strings.HasPrefix(text, "//go:"):
				directive, _, _ := strings.Cut(text, " ")
				c.refuse(comment.Pos(), "%s: no //go: directive is allowed but //go:build", directive)
			case strings.HasPrefix(text, "//line ") || strings.HasPrefix(text, "/*line "):
				c.refuse(comment.Pos(), "//line directives are not allowed")
			}
		}
	}
	for _, spec := range f.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		switch {
		case path == "C":
			c.refuse(spec.Pos(), `import "C": cgo is not allowed`)
		case path == "unsafe":
			c.refuse(spec.Pos(), `import "unsafe" is not allowed`)
		case spec.Name != nil && spec.Name.Name == ".":
			c.refuse(spec.Pos(), "import . %q: dot imports are not allowed", path)
		case spec.Name != nil && spec.Name.Name == "_":
			c.refuse(spec.Pos(), "import _ %q: blank imports are not allowed", path)
		case !c.allow.importable(path):
			c.refuse(spec.Pos(), "import %q: not in %s", path, c.allow.File)
		}
	}
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fn.Recv == nil && fn.Name.Name == "init" {
			c.refuse(fn.Pos(), "func init: init functions are not allowed (they run before the tests)")
		}
		if fn.Body == nil {
			c.refuse(fn.Pos(), "func %s has no body (assembly and linkname are not allowed)", fn.Name.Name)
		}
	}
}

// semantics applies the rules that need types.
func (c *checker) semantics(f *ast.File) {
	// Names from other packages: only those the lesson allows.
	ast.Inspect(f, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := c.info.Uses[id]
		if obj == nil || obj.Pkg() == nil || obj.Pkg() == c.pkg || obj.Parent() != obj.Pkg().Scope() {
			return true // local, predeclared, or a method or field
		}
		if !c.allow.allows(obj.Pkg().Path(), obj.Name()) {
			c.refuse(id.Pos(), "%s.%s: not in %s", obj.Pkg().Path(), obj.Name(), c.allow.File)
		}
		return true
	})
	// Package-level variables: initialisers that run no code.
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.VAR {
			continue
		}
		for _, spec := range gen.Specs {
			for _, value := range spec.(*ast.ValueSpec).Values {
				if at, what := c.runsCode(value); at != nil {
					c.refuse(at.Pos(), "a package-level variable's initialiser %s (code that would run before the tests)", what)
				}
			}
		}
	}
	// No writing to another package's variables.
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				c.checkWrite(lhs)
			}
		case *ast.IncDecStmt:
			c.checkWrite(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				c.checkWrite(n.Key)
				c.checkWrite(n.Value)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := c.foreignVar(n.X); v != "" {
					c.refuse(n.Pos(), "&%s: taking the address of another package's variable is not allowed", v)
				}
			}
		case *ast.SelectorExpr:
			// x.M() with a pointer method on another package's variable x
			// takes x's address.
			if sel := c.info.Selections[n]; sel != nil && sel.Kind() == types.MethodVal {
				if recv := sel.Obj().Type().(*types.Signature).Recv(); recv != nil {
					if _, ptr := recv.Type().(*types.Pointer); ptr {
						if _, already := sel.Recv().(*types.Pointer); !already {
							if v := c.foreignVar(n.X); v != "" {
								c.refuse(n.Pos(), "%s.%s changes another package's variable %s", v, n.Sel.Name, v)
							}
						}
					}
				}
			}
		}
		return true
	})
}

func (c *checker) checkWrite(target ast.Expr) {
	if target == nil {
		return
	}
	if v := c.foreignVar(target); v != "" {
		c.refuse(target.Pos(), "assigns to %s: changing another package's variables is not allowed", v)
	}
}

// foreignVar returns pkg.Name if e is, or is part of, a variable of another
// package (os.Stdout, os.Args[0], *os.Stdout, net.DefaultResolver.PreferGo).
func (c *checker) foreignVar(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.SelectorExpr:
			if obj, ok := c.info.Uses[x.Sel].(*types.Var); ok && obj.Pkg() != nil && obj.Pkg() != c.pkg && obj.Parent() == obj.Pkg().Scope() {
				return obj.Pkg().Name() + "." + obj.Name()
			}
			if sel := c.info.Selections[x]; sel != nil && sel.Kind() == types.FieldVal {
				e = x.X
				continue
			}
			return ""
		default:
			return ""
		}
	}
}

// Builtins that run no code of anyone's.
var inertBuiltins = map[string]bool{"make": true, "new": true, "len": true, "cap": true, "min": true, "max": true, "complex": true, "real": true, "imag": true}

// runsCode finds, in a package-level initialiser, what would run code: a call
// of a function of the student's, a method, a function literal, or a
// standard library function with arguments that are not constants or are
// constants of the student's own types; or a channel receive. It returns nil if there is none.
func (c *checker) runsCode(e ast.Expr) (at ast.Node, what string) {
	ast.Inspect(e, func(n ast.Node) bool {
		if at != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its body runs only when it is called
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				at, what = n, "receives from a channel"
			}
		case *ast.CallExpr:
			if tv, ok := c.info.Types[n.Fun]; ok && tv.IsType() {
				return true // a conversion
			}
			fun := ast.Unparen(n.Fun)
			if id, ok := fun.(*ast.Ident); ok {
				if b, ok := c.info.Uses[id].(*types.Builtin); ok && inertBuiltins[b.Name()] {
					return true
				}
			}
			if sel, ok := fun.(*ast.SelectorExpr); ok {
				if fn, ok := c.info.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg() != c.pkg && fn.Parent() == fn.Pkg().Scope() {
					for _, arg := range n.Args {
						tv := c.info.Types[arg]
						if tv.Value == nil {
							at, what = n, fmt.Sprintf("calls %s.%s with an argument that is not a constant", fn.Pkg().Name(), fn.Name())
							return false
						}
						// A constant of the student's own type brings its
						// methods: fmt.Sprint(T(0)) calls T's String.
						if named, ok := types.Unalias(tv.Type).(*types.Named); ok && named.Obj().Pkg() == c.pkg {
							at, what = n, fmt.Sprintf("calls %s.%s with a constant of type %s, whose methods it may call", fn.Pkg().Name(), fn.Name(), named.Obj().Name())
							return false
						}
					}
					return false
				}
			}
			if _, ok := fun.(*ast.FuncLit); ok {
				at, what = n, "calls a function literal"
			} else {
				at, what = n, "calls "+types.ExprString(n.Fun)
			}
		}
		return at == nil
	})
	return at, what
}
