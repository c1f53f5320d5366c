// Package verdict carries the outcomes of a lesson's exercise tests from the
// test binary to the grader, on a channel that student code cannot forge.
//
// The grader starts the test binary with a socket as one of its descriptors,
// named by SOCKETLAB_VERDICT_FD, and writes a fresh random key on it. The
// test binary's TestMain (labtest.ExercisesMain) calls Open before any test
// runs, and so before any student code can: the student's package may have
// no init function and no package-level initialiser that runs code (the
// grader vets it), so TestMain is the first code of the binary to run after
// the standard library's and the lab's own. Open reads the key, drops the
// variable from the environment, keeps the socket from the processes the
// tests start, and makes the process non-dumpable, so that no process of the
// same user can read its memory. When the tests are over, Send writes one
// line per exercise test and a last line, each signed with the key (HMAC-
// SHA256). Student code may write anything anywhere, the socket included,
// but without the key it cannot sign: the grader counts only what is signed,
// and reads any line that is not as tampering.
package verdict

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// EnvFD names the descriptor of the verdict socket, in the test binary's
// environment.
const EnvFD = "SOCKETLAB_VERDICT_FD"

// KeySize is the length of a key in bytes.
const KeySize = 32

// Outcomes of a test.
const (
	Pass = "pass"
	Fail = "fail"
	Skip = "skip"
)

// Report is what a test binary says of its run.
type Report struct {
	Lesson string
	Tests  map[string]string // exercise test -> Pass, Fail or Skip; tests that did not run are absent
	Code   int               // the exit code the binary chose
	Leaks  bool              // goroutines were left behind after the tests
}

// NewKey returns a fresh random key.
func NewKey() []byte {
	key := make([]byte, KeySize)
	rand.Read(key) // never fails (crypto/rand)
	return key
}

// Writer sends a test binary's report to the grader.
type Writer struct {
	out io.WriteCloser
	key []byte
}

// Open returns the verdict channel if the grader runs this test binary (nil,
// nil otherwise). Call it before any test runs.
func Open() (*Writer, error) {
	name, ok := os.LookupEnv(EnvFD)
	if !ok {
		return nil, nil
	}
	os.Unsetenv(EnvFD) // the processes the tests start are not graded
	fd, err := strconv.Atoi(name)
	if err != nil || fd < 3 {
		return nil, fmt.Errorf("verdict: %s=%q is not a descriptor", EnvFD, name)
	}
	if err := protect(fd); err != nil {
		return nil, fmt.Errorf("verdict: %v", err)
	}
	f := os.NewFile(uintptr(fd), "verdict")
	key := make([]byte, KeySize)
	if _, err := io.ReadFull(f, key); err != nil {
		f.Close()
		return nil, fmt.Errorf("verdict: reading the key: %v", err)
	}
	return &Writer{out: f, key: key}, nil
}

// Send writes the signed report and closes the channel.
func (w *Writer) Send(r Report) error {
	var buf bytes.Buffer
	names := make([]string, 0, len(r.Tests))
	for name := range r.Tests {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		buf.WriteString(sign(w.key, fmt.Sprintf("verdict v1 %s test %s %s", r.Lesson, name, r.Tests[name])))
	}
	buf.WriteString(sign(w.key, fmt.Sprintf("verdict v1 %s end %d %t", r.Lesson, r.Code, r.Leaks)))
	_, err := w.out.Write(buf.Bytes())
	if cerr := w.out.Close(); err == nil {
		err = cerr
	}
	return err
}

func sign(key []byte, line string) string {
	return line + " " + hex.EncodeToString(mac(key, line)) + "\n"
}

func mac(key []byte, line string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(line))
	return h.Sum(nil)
}

var (
	testLine = regexp.MustCompile(`^verdict v1 (\S+) test (Test\w+) (pass|fail|skip)$`)
	endLine  = regexp.MustCompile(`^verdict v1 (\S+) end (-?\d+) (true|false)$`)
)

// ErrNoReport: the test binary sent nothing signed, not even an end.
var ErrNoReport = errors.New("no signed report")

// Read checks what came on the verdict channel, signed with key, for lesson.
// It returns the report if one came whole (an end line, signed), and the
// lines that were not signed or did not belong: any is tampering.
func Read(data []byte, key []byte, lesson string) (r Report, forged []string, err error) {
	r = Report{Lesson: lesson, Tests: map[string]string{}}
	ended := false
	scanner := bufio.NewScanner(bytes.NewReader(data))
	scanner.Buffer(make([]byte, 4096), 1<<20)
	for scanner.Scan() {
		line := scanner.Text()
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			forged = append(forged, line)
			continue
		}
		body, sig := line[:i], line[i+1:]
		got, decodeErr := hex.DecodeString(sig)
		if decodeErr != nil || !hmac.Equal(got, mac(key, body)) || ended {
			forged = append(forged, line)
			continue
		}
		if m := testLine.FindStringSubmatch(body); m != nil && m[1] == lesson {
			if _, twice := r.Tests[m[2]]; twice {
				forged = append(forged, line)
				continue
			}
			r.Tests[m[2]] = m[3]
		} else if m := endLine.FindStringSubmatch(body); m != nil && m[1] == lesson {
			r.Code, _ = strconv.Atoi(m[2])
			r.Leaks = m[3] == "true"
			ended = true
		} else {
			forged = append(forged, line)
		}
	}
	if err := scanner.Err(); err != nil {
		forged = append(forged, "(unreadable: "+err.Error()+")")
	}
	if !ended {
		return r, forged, ErrNoReport
	}
	return r, forged, nil
}
