// Package lab finds the lab's workspace and copies it without its solutions:
// the shared ground of the handout and the grader. The finding and copying
// live in labkit/workspace, which the student's lab command shares.
package lab

import "socketlab/labkit/workspace"

var (
	// Root returns the folder of the go.work that the go command uses from
	// the current directory: the lab's root.
	Root = workspace.Root
	// Lessons returns the lesson folders of the lab at root, in order.
	Lessons = workspace.Lessons
	// CopyWithoutSolutions copies the lab at root to dst (which must exist):
	// everything but solutions/, .ci/, .git/ and build output, with a go.work
	// that no longer uses ./solutions.
	CopyWithoutSolutions = workspace.CopyWithoutSolutions
	// DropSolutionsFromWork removes ./solutions from the go.work in dir.
	DropSolutionsFromWork = workspace.DropSolutionsFromWork
	// CopyFile copies one file, keeping its permission bits.
	CopyFile = workspace.CopyFile
)
