package labtest

import (
	"fmt"

	"socketlab/labkit/cli"
)

// ExitTranscript is how a program's failure ends in the terminal when it runs
// under go run, as the READMEs show it: the program's one line on standard
// error ("client: connection refused: ..."), then go run's own "exit status N"
// (go run itself then exits with status 1). For a nil error it is "": the
// program exits with status 0, and go run prints nothing more.
func ExitTranscript(prog string, err error) string {
	if err == nil {
		return ""
	}
	line, code := cli.Explain(err)
	return fmt.Sprintf("%s: %s\nexit status %d\n", prog, line, code)
}
