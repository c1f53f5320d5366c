//go:build !linux && !windows

package workbench

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// portHolder names the process listening on a TCP port of this computer, as
// lsof tells it (macOS has it); "" if it cannot tell.
func portHolder(port int) string {
	out, err := exec.Command("lsof", "-nP", "-iTCP:"+strconv.Itoa(port), "-sTCP:LISTEN", "-Fpc").Output()
	if err != nil {
		return ""
	}
	var pid, command string
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "p") && pid == "":
			pid = line[1:]
		case strings.HasPrefix(line, "c") && command == "":
			command = line[1:]
		}
	}
	if pid == "" {
		return ""
	}
	return fmt.Sprintf("PID %s (%s)", pid, command)
}
