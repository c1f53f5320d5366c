package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Range is the values a numeric flag accepts, from Min to Max, both included.
// Every numeric flag of the lab has one: -h shows it, and a value outside it
// is refused in one line before the program does anything.
type Range[T int | time.Duration] struct{ Min, Max T }

// Between returns the range from min to max, both included.
func Between[T int | time.Duration](min, max T) Range[T] { return Range[T]{min, max} }

func (r Range[T]) contains(v T) bool { return r.Min <= v && v <= r.Max }

func (r Range[T]) String() string {
	return fmt.Sprintf("%s to %s", show(r.Min), show(r.Max))
}

// show prints a number the way a student types it: 1h, not 1h0m0s.
func show[T int | time.Duration](v T) string {
	if d, ok := any(v).(time.Duration); ok {
		return ShowDuration(d)
	}
	return strconv.Itoa(int(v))
}

// ShowDuration prints d without the zero units Go adds: 1h, 5m, 1m30s, 100ms.
func ShowDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// intFlag is an int flag that refuses values outside its range.
type intFlag struct {
	v     *int
	valid Range[int]
}

func (f intFlag) Set(s string) error {
	// Base 0, as the flag package does: 0x10 and 1_000 are numbers too.
	n, err := strconv.ParseInt(s, 0, strconv.IntSize)
	if err != nil || !f.valid.contains(int(n)) {
		return fmt.Errorf("want a whole number from %v", f.valid)
	}
	*f.v = int(n)
	return nil
}

func (f intFlag) String() string {
	if f.v == nil { // the flag package calls String on a zero value
		return "0"
	}
	return strconv.Itoa(*f.v)
}

func (f intFlag) Get() any { return *f.v }

// durationFlag is a time.Duration flag that refuses values outside its range,
// and says what is missing when a number comes without its unit.
type durationFlag struct {
	v     *time.Duration
	valid Range[time.Duration]
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		if _, isNumber := strconv.ParseFloat(s, 64); isNumber == nil {
			return fmt.Errorf("durations need a unit, like 5s or 100ms (from %v)", f.valid)
		}
		return fmt.Errorf("want a duration like 5s or 100ms, from %v", f.valid)
	}
	if !f.valid.contains(d) {
		return fmt.Errorf("want a duration from %v", f.valid)
	}
	*f.v = d
	return nil
}

func (f durationFlag) String() string {
	if f.v == nil {
		return "0s"
	}
	return ShowDuration(*f.v)
}

func (f durationFlag) Get() any { return *f.v }

// Timeouts is the range of every timeout flag in the lab: at least 1ms (a
// zero or negative timeout would fail every call at once), at most an hour.
var Timeouts = Between(time.Millisecond, time.Hour)
