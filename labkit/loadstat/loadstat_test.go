package loadstat_test

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"socketlab/labkit/labtest"
	"socketlab/labkit/loadstat"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestPercentile(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var sorted []time.Duration
	for i := 1; i <= 100; i++ {
		sorted = append(sorted, ms(i))
	}
	require.Equal(t, ms(50), loadstat.Percentile(sorted, 50))
	require.Equal(t, ms(99), loadstat.Percentile(sorted, 99))
	require.Equal(t, ms(100), loadstat.Percentile(sorted, 100))
	require.Equal(t, ms(7), loadstat.Percentile([]time.Duration{ms(7)}, 1))
	require.Equal(t, time.Duration(0), loadstat.Percentile(nil, 50))
}

func TestShowProgress_EndsWithTheFinalCount(t *testing.T) {
	out := &labtest.Output{}
	var n atomic.Int64
	stop := loadstat.ShowProgress(out, func() string { return "sent " + strings.Repeat("|", int(n.Load())) })
	out.WaitFor(t, "\rsent ")
	n.Store(3)
	stop()
	require.True(t, strings.HasSuffix(out.String(), "\rsent ||| \n"), "%q", out.String())
}

func TestShowProgress_NilWriterShowsNothing(t *testing.T) {
	called := false
	loadstat.ShowProgress(nil, func() string { called = true; return "" })()
	require.False(t, called)
}
