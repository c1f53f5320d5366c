package multiprocess_test

import (
	"os"
	"strconv"
	"strings"
)

// alive reports whether a process runs. An exited process whose parent has
// not collected its status yet — a zombie, state Z in /proc — does not.
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// pid (command) state ...: the state follows the last ')'.
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}
