package exercises_test

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// sharedWriteMistake is what unlockedSharedWrite finds, in a student's words.
const sharedWriteMistake = `a goroutine assigns to a variable it shares with the other goroutines (and with RunAll) with no lock: ` +
	`two workers that end at once race on it, and an error can be lost (go test -race says DATA RACE); ` +
	`lock a sync.Mutex around it, send the errors on a channel, or Wait for each worker in turn in one loop ` +
	`(see "Exercise 2: start every worker, then wait for them all" in lesson05-multiprocess/README.md)`

// unlockedSharedWrite reports an assignment, inside a goroutine started with
// a go func literal, to a variable declared outside that literal, when the
// goroutine locks no mutex. Writing to one element each (errs[i] = err) is
// not reported: goroutines that do so do not share what they write.
var unlockedSharedWrite = &analysis.Analyzer{
	Name:     "sharedwrite",
	Doc:      "reports a goroutine that assigns to a captured variable without locking a mutex",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		insp.Preorder([]ast.Node{(*ast.GoStmt)(nil)}, func(n ast.Node) {
			lit, ok := ast.Unparen(n.(*ast.GoStmt).Call.Fun).(*ast.FuncLit)
			if !ok || locks(pass, lit.Body) {
				return
			}
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				var written []ast.Expr
				switch s := n.(type) {
				case *ast.AssignStmt:
					if s.Tok != token.DEFINE {
						written = s.Lhs
					}
				case *ast.IncDecStmt:
					written = []ast.Expr{s.X}
				}
				for _, e := range written {
					id, ok := ast.Unparen(e).(*ast.Ident)
					if !ok {
						continue
					}
					if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok && (v.Pos() < lit.Pos() || v.Pos() >= lit.End()) {
						pass.Reportf(id.Pos(), "goroutine assigns to captured %s without a lock", id.Name)
					}
				}
				return true
			})
		})
		return nil, nil
	},
}

// locks says whether body calls Lock on a sync.Mutex or sync.RWMutex.
func locks(pass *analysis.Pass, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func); ok && fn.Name() == "Lock" && fn.Pkg() != nil && fn.Pkg().Path() == "sync" {
				found = true
			}
		}
		return !found
	})
	return found
}
