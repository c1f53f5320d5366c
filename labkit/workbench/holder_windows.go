package workbench

import (
	"encoding/csv"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// portHolder names the process listening on a TCP port of this computer, as
// netstat and tasklist tell it; "" if they cannot.
func portHolder(port int) string {
	out, err := exec.Command("netstat", "-ano", "-p", "TCP").Output()
	if err != nil {
		return ""
	}
	suffix := ":" + strconv.Itoa(port)
	for _, line := range strings.Split(string(out), "\n") {
		// Proto  Local Address  Foreign Address  State  PID
		fields := strings.Fields(line)
		if len(fields) != 5 || fields[3] != "LISTENING" || !strings.HasSuffix(fields[1], suffix) {
			continue
		}
		pid := fields[4]
		return fmt.Sprintf("PID %s (%s)", pid, taskName(pid))
	}
	return ""
}

func taskName(pid string) string {
	out, err := exec.Command("tasklist", "/FI", "PID eq "+pid, "/FO", "CSV", "/NH").Output()
	if err != nil {
		return "?"
	}
	record, err := csv.NewReader(strings.NewReader(string(out))).Read()
	if err != nil || len(record) == 0 {
		return "?"
	}
	return record[0]
}
