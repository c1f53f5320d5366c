// Package labtest is what every lesson's tests share: loopback sockets, output a
// test can wait on, golden transcripts, scaled timeouts, and the exercise summary.
package labtest

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// ScaleEnv names the environment variable that multiplies every test timeout:
// SOCKETLAB_TIMEOUT_SCALE=5 go test ... on a slow laptop, under -race, or on a
// loaded grading machine.
const ScaleEnv = "SOCKETLAB_TIMEOUT_SCALE"

// Timeout returns d multiplied by SOCKETLAB_TIMEOUT_SCALE (1 when unset).
func Timeout(d time.Duration) time.Duration {
	return time.Duration(float64(d) * scale())
}

func scale() float64 {
	s := os.Getenv(ScaleEnv)
	if s == "" {
		return 1
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 {
		panic(fmt.Sprintf("%s=%q: want a positive number such as 3 or 0.5", ScaleEnv, s))
	}
	return f
}

// Patience is how long a test waits for something that should happen at once
// (a line printed, a connection accepted) before it gives up and fails. A passing
// test never waits that long: it goes on as soon as the event happens.
func Patience() time.Duration { return Timeout(5 * time.Second) }
