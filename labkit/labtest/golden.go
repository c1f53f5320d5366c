package labtest

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// UpdateEnv names the environment variable that rewrites golden files instead
// of comparing with them. It works for the whole workspace in one command,
// which a -update flag cannot (test binaries without the flag would fail):
//
//	SOCKETLAB_UPDATE=1 go test socketlab/...
const UpdateEnv = "SOCKETLAB_UPDATE"

// Golden compares got with testdata/<name>.golden and fails with a diff when
// they differ. With SOCKETLAB_UPDATE=1 it writes got to the file instead, and
// also to every transcript block of ./README.md that shows that file.
func Golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if os.Getenv(UpdateEnv) != "" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := updateReadme("README.md", path, got); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v\n(create it with %s=1 go test)", err, UpdateEnv)
	}
	if diff := lineDiff(string(want), got); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s\nIf the new output is right: %s=1 go test ./...", path, diff, UpdateEnv)
	}
}

// Addresses returns a function that makes output stable for a golden file: the
// server's address becomes 127.0.0.1:PORT, its port on its own becomes PORT, and
// any other loopback address (a client's, whose port the kernel chose) becomes
// 127.0.0.1:CLIENT.
func Addresses(server net.Addr) func(string) string {
	_, port, _ := net.SplitHostPort(server.String())
	serverPort := regexp.MustCompile(`\b` + regexp.QuoteMeta(port) + `\b`)
	return func(s string) string {
		s = strings.ReplaceAll(s, server.String(), "127.0.0.1:PORT")
		s = serverPort.ReplaceAllString(s, "PORT")
		return loopbackAddr.ReplaceAllString(s, "127.0.0.1:CLIENT")
	}
}

var loopbackAddr = regexp.MustCompile(`127\.0\.0\.1:\d+`)

// A transcript block in a README is a fenced block right after a marker naming
// the golden file it shows:
//
//	<!-- golden: testdata/server_go_client.golden -->
//	```text
//	...
//	```
var transcriptBlock = regexp.MustCompile("(?s)<!-- golden: ([^ ]+) -->\n```text\n(.*?)```\n")

// Transcript is one block of a README that shows a golden file.
type Transcript struct {
	Golden string // the file's path, relative to the README
	Shown  string // what the README shows
}

// Transcripts returns the transcript blocks of a README.
func Transcripts(readme []byte) []Transcript {
	var out []Transcript
	for _, m := range transcriptBlock.FindAllSubmatch(readme, -1) {
		out = append(out, Transcript{Golden: string(m[1]), Shown: string(m[2])})
	}
	return out
}

// CheckReadme fails when a transcript block of the README at path differs from
// the golden file it names, or names one that does not exist. wantAtLeast is how
// many transcript blocks the README must have, so that deleting them all fails too.
// With SOCKETLAB_UPDATE=1 it first copies each golden file into its blocks.
func CheckReadme(t testing.TB, path string, wantAtLeast int) {
	t.Helper()
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	blocks := Transcripts(readme)
	if os.Getenv(UpdateEnv) != "" {
		for _, b := range blocks {
			golden, err := os.ReadFile(filepath.Join(filepath.Dir(path), b.Golden))
			if err != nil {
				continue // reported below
			}
			if err := updateReadme(path, b.Golden, string(golden)); err != nil {
				t.Fatal(err)
			}
		}
		if readme, err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
		blocks = Transcripts(readme)
	}
	if len(blocks) < wantAtLeast {
		t.Errorf("%s shows %d transcripts, want at least %d", path, len(blocks), wantAtLeast)
	}
	for _, b := range blocks {
		golden, err := os.ReadFile(filepath.Join(filepath.Dir(path), b.Golden))
		if err != nil {
			t.Errorf("%s shows a transcript of %v", path, err)
			continue
		}
		if diff := lineDiff(string(golden), b.Shown); diff != "" {
			t.Errorf("%s shows %s differently (-golden +README):\n%s\nTo copy the golden files into the README: %s=1 go test ./...",
				path, b.Golden, diff, UpdateEnv)
		}
	}
}

// updateReadme rewrites the README's blocks that show golden with its new content.
func updateReadme(readmePath, golden, content string) error {
	readme, err := os.ReadFile(readmePath)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	marker := "<!-- golden: " + filepath.ToSlash(golden) + " -->\n```text\n"
	updated := transcriptBlock.ReplaceAllFunc(readme, func(block []byte) []byte {
		if !bytes.HasPrefix(block, []byte(marker)) {
			return block
		}
		return []byte(marker + content + "```\n")
	})
	if bytes.Equal(updated, readme) {
		return nil
	}
	return os.WriteFile(readmePath, updated, 0o644)
}

func quote(s string) string { return strconv.Quote(s) }

// hintCall finds the README section a stub names: exercise.NotDone(lesson, n, "section").
var hintCall = regexp.MustCompile(`exercise\.NotDone\("[^"]+", (\d+), "([^"]+)"\)`)

// seeCall finds the README section an exercise test's failure message names:
// see("section").
var seeCall = regexp.MustCompile(`\bsee\("([^"]+)"\)`)

// CheckHints fails when an exercise stub in dir points the student at a README
// section that the README at readmePath does not have as a heading, or when an
// exercise test's failure message does (the tests name a section with a
// helper called as see("Exercise 2: ...")).
func CheckHints(t testing.TB, dir, readmePath string) {
	t.Helper()
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	stubs, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	// A stub the student has finished has no hint left: that is fine.
	for _, file := range stubs {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var sections [][]byte
		if strings.HasSuffix(file, "_test.go") {
			for _, m := range seeCall.FindAllSubmatch(src, -1) {
				sections = append(sections, m[1])
			}
		} else {
			for _, m := range hintCall.FindAllSubmatch(src, -1) {
				sections = append(sections, m[2])
			}
		}
		for _, section := range sections {
			heading := regexp.MustCompile(`(?m)^#+ ` + regexp.QuoteMeta(string(section)) + `$`)
			if !heading.Match(readme) {
				t.Errorf("%s sends the student to %q, but %s has no such heading", file, section, readmePath)
			}
		}
	}
}

// lineDiff shows how two texts differ, line by line.
func lineDiff(want, got string) string {
	return cmp.Diff(strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n"))
}
