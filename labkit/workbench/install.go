package workbench

import (
	"os"
	"regexp"
	"strings"
)

// installLine is the command that installs a tool on a system: goos, and on
// Linux the distribution's family (from /etc/os-release).
func installLine(tool, goos, distro string) string {
	switch goos {
	case "darwin":
		return map[string]string{
			"nc":      "nc comes with macOS: is /usr/bin on your PATH?",
			"telnet":  "brew install telnet",
			"python3": "xcode-select --install (or: brew install python)",
			"gcc":     "xcode-select --install",
		}[tool]
	case "windows":
		return map[string]string{
			"nc":      "winget install Insecure.Nmap (it brings ncat, Windows' nc)",
			"telnet":  "dism /online /Enable-Feature /FeatureName:TelnetClient (in an administrator's terminal)",
			"python3": "winget install Python.Python.3.12",
		}[tool]
	}
	packages := map[string]map[string]string{
		"debian": {"nc": "netcat-openbsd", "telnet": "telnet", "python3": "python3", "gcc": "gcc"},
		"fedora": {"nc": "nmap-ncat", "telnet": "telnet", "python3": "python3", "gcc": "gcc"},
		"arch":   {"nc": "openbsd-netcat", "telnet": "inetutils", "python3": "python", "gcc": "gcc"},
		"suse":   {"nc": "netcat-openbsd", "telnet": "telnet", "python3": "python3", "gcc": "gcc"},
		"alpine": {"nc": "netcat-openbsd", "telnet": "busybox-extras", "python3": "python3", "gcc": "gcc"},
	}
	install := map[string]string{
		"debian": "sudo apt install ",
		"fedora": "sudo dnf install ",
		"arch":   "sudo pacman -S ",
		"suse":   "sudo zypper install ",
		"alpine": "sudo apk add ",
	}
	if pkg, ok := packages[distro][tool]; ok {
		return install[distro] + pkg
	}
	return "install " + tool + " with your system's package manager"
}

var osReleaseField = regexp.MustCompile(`(?m)^(ID|ID_LIKE)="?([^"\n]*)"?$`)

// linuxDistro is the family of this Linux distribution, as installLine
// knows them (debian, fedora, arch, suse, alpine), or "".
func linuxDistro() string {
	release, err := os.ReadFile("/etc/os-release")
	if err != nil {
		return ""
	}
	return distroFamily(string(release))
}

func distroFamily(osRelease string) string {
	var ids []string
	for _, m := range osReleaseField.FindAllStringSubmatch(osRelease, -1) {
		ids = append(ids, strings.Fields(m[2])...)
	}
	families := map[string]string{
		"debian": "debian", "ubuntu": "debian",
		"fedora": "fedora", "rhel": "fedora", "centos": "fedora",
		"arch": "arch", "suse": "suse", "opensuse": "suse", "alpine": "alpine",
	}
	for _, id := range ids {
		if f, ok := families[id]; ok {
			return f
		}
	}
	return ""
}
