package exercises_test

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/passes/waitgroup"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"socketlab/labkit/labtest"
)

// addInsideGoroutine is the mistake both passes below look for.
const addInsideGoroutine = `wg.Add runs inside the goroutine it counts, so wg.Wait can run first, ` +
	`see the count at zero and return while that handler is still starting; call wg.Add(1) before the go statement ` +
	`(see "Exercise 2: wait for every handler before returning" and "Pitfalls" in lesson04-goroutines/README.md)`

// waitGroupChecks are the source checks of exercise 2: go vet's waitgroup
// pass, which sees wg.Add only as the first statement of a go func literal,
// and addInGoroutine, which sees it anywhere in the goroutine.
func waitGroupChecks(file string) []labtest.VetCheck {
	return []labtest.VetCheck{
		{Analyzer: waitgroup.Analyzer, Mistake: addInsideGoroutine, Files: []string{file}},
		{Analyzer: addInGoroutine, Mistake: addInsideGoroutine, Files: []string{file}},
	}
}

// addInGoroutine reports a call to (*sync.WaitGroup).Add made by a goroutine:
// anywhere in the body of a function literal started with go, or of a
// function of the package started with go (go serve(conn, &wg)). A goroutine
// that itself starts goroutines may count those: an Add followed, in its
// block, by a go statement is not reported.
var addInGoroutine = &analysis.Analyzer{
	Name:     "addingoroutine",
	Doc:      "reports sync.WaitGroup.Add called inside the goroutine it is meant to count",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		bodies := map[types.Object]*ast.BlockStmt{} // the package's functions
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fn, ok := d.(*ast.FuncDecl); ok && fn.Body != nil {
					bodies[pass.TypesInfo.Defs[fn.Name]] = fn.Body
				}
			}
		}
		insp.Preorder([]ast.Node{(*ast.GoStmt)(nil)}, func(n ast.Node) {
			var body *ast.BlockStmt
			switch fun := ast.Unparen(n.(*ast.GoStmt).Call.Fun).(type) {
			case *ast.FuncLit:
				body = fun.Body
			default:
				if callee := typeutil.Callee(pass.TypesInfo, n.(*ast.GoStmt).Call); callee != nil {
					body = bodies[callee]
				}
			}
			if body != nil {
				reportAdds(pass, body)
			}
		})
		return nil, nil
	},
}

// reportAdds reports every wg.Add in body that no go statement follows in its
// own block.
func reportAdds(pass *analysis.Pass, body *ast.BlockStmt) {
	ast.Inspect(body, func(n ast.Node) bool {
		block, ok := n.(*ast.BlockStmt)
		if !ok {
			return true
		}
		for i, stmt := range block.List {
			call, ok := stmt.(*ast.ExprStmt)
			if !ok {
				continue
			}
			c, ok := ast.Unparen(call.X).(*ast.CallExpr)
			if !ok || !isWaitGroupAdd(pass, c) {
				continue
			}
			if !startsGoroutine(block.List[i+1:]) {
				pass.Reportf(c.Pos(), "WaitGroup.Add called inside a goroutine")
			}
		}
		return true
	})
}

func isWaitGroupAdd(pass *analysis.Pass, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Name() != "Add" || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return false
	}
	recv := fn.Signature().Recv()
	return recv != nil && types.TypeString(recv.Type(), nil) == "*sync.WaitGroup"
}

// startsGoroutine says whether stmts contain a go statement (at any depth).
func startsGoroutine(stmts []ast.Stmt) bool {
	found := false
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			if _, ok := n.(*ast.GoStmt); ok {
				found = true
			}
			return !found
		})
	}
	return found
}
