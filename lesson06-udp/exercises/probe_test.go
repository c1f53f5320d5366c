//go:build !windows

// Not on Windows: there Go switches off the reports of ICMP "port
// unreachable" on UDP sockets (go.dev/issue/5834), and nothing is ever Refused.

package exercises_test

import (
	"net"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

func TestExercise4_Probe(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("nothing listens: refused", func(t *testing.T) {
		pc := labtest.ListenPacket(t)
		addr := pc.LocalAddr().String()
		pc.Close()
		outcome, err := exercises.Probe(addr, labtest.Patience())
		require.NoError(t, err)
		require.Equal(t, exercises.Refused, outcome)
	})
	ok = ok && t.Run("a server answers: answered", func(t *testing.T) {
		addr, _ := forgetful(t, 0)
		outcome, err := exercises.Probe(addr.String(), labtest.Patience())
		require.NoError(t, err)
		require.Equal(t, exercises.Answered, outcome)
	})
	ok = ok && t.Run("a server that never answers: silent", func(t *testing.T) {
		silent := labtest.ListenPacket(t)
		outcome, err := exercises.Probe(silent.LocalAddr().String(), short())
		require.NoError(t, err)
		require.Equal(t, exercises.Silent, outcome)
	})
	if !ok {
		return
	}
	t.Run("a bad address: an error", func(t *testing.T) {
		_, err := exercises.Probe("127.0.0.1", short())
		var addrErr *net.AddrError
		require.ErrorAs(t, err, &addrErr, "%v", err)
	})
}
