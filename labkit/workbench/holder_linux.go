package workbench

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// portHolder names the process listening on a TCP port of this computer,
// such as "PID 4242 (go run ./lesson01-basic/server)", from /proc; "" if
// it cannot tell (another user's process, say).
func portHolder(port int) string {
	inodes := map[string]bool{}
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		for _, inode := range listeningInodes(table, port) {
			inodes[inode] = true
		}
	}
	if len(inodes) == 0 {
		return ""
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range procs {
		link, err := os.Readlink(fd)
		if err != nil || !strings.HasPrefix(link, "socket:[") {
			continue
		}
		if inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] {
			pid := strings.Split(fd, "/")[2]
			return fmt.Sprintf("PID %s (%s)", pid, commandLine(pid))
		}
	}
	return ""
}

// listeningInodes reads a /proc/net/tcp table: the sockets listening on port.
func listeningInodes(table string, port int) []string {
	f, err := os.Open(table)
	if err != nil {
		return nil
	}
	defer f.Close()
	var inodes []string
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		// sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
		fields := strings.Fields(scanner.Text())
		if len(fields) < 10 || fields[3] != "0A" { // 0A: LISTEN
			continue
		}
		_, hexPort, ok := strings.Cut(fields[1], ":")
		if p, err := strconv.ParseUint(hexPort, 16, 16); ok && err == nil && int(p) == port {
			inodes = append(inodes, fields[9])
		}
	}
	return inodes
}

func commandLine(pid string) string {
	cmdline, err := os.ReadFile("/proc/" + pid + "/cmdline")
	if err != nil || len(cmdline) == 0 {
		return "?"
	}
	return strings.TrimSpace(strings.ReplaceAll(string(cmdline), "\x00", " "))
}
