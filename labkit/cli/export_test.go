package cli

// RunPath is runPath, for the tests: the path go run wants, from a given folder.
var RunPath = runPath
