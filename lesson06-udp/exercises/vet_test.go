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

// errorTextMistake is what errorText finds, in a student's words.
const errorTextMistake = `decides what an error is by its text (err.Error()): that text is the system's, and differs from one system, ` +
	`version or language to the next; ask the error itself: errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, os.ErrDeadlineExceeded), ` +
	`or neterr.Classify(err) (see "Exercise 4: connected and unconnected UDP" in lesson06-udp/README.md)`

// errorText reports code that looks into an error's text: a call of the
// strings package with err.Error() as an argument, or err.Error() compared
// with == or !=.
var errorText = &analysis.Analyzer{
	Name:     "errortext",
	Doc:      "reports an error judged by the text of its Error method",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		insp.Preorder([]ast.Node{(*ast.CallExpr)(nil), (*ast.BinaryExpr)(nil)}, func(n ast.Node) {
			switch n := n.(type) {
			case *ast.CallExpr:
				fn, ok := typeutil.Callee(pass.TypesInfo, n).(*types.Func)
				if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "strings" {
					return
				}
				for _, arg := range n.Args {
					if isErrorText(pass, arg) {
						pass.Reportf(arg.Pos(), "error judged by its text")
					}
				}
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) && (isErrorText(pass, n.X) || isErrorText(pass, n.Y)) {
					pass.Reportf(n.Pos(), "error judged by its text")
				}
			}
		})
		return nil, nil
	},
}

// isErrorText says whether e is a call of Error() on an error.
func isErrorText(pass *analysis.Pass, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) > 0 {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Error" {
		return false
	}
	t := pass.TypesInfo.TypeOf(sel.X)
	return t != nil && types.Implements(t, types.Universe.Lookup("error").Type().Underlying().(*types.Interface))
}
