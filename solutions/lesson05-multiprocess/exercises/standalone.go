package exercises

// setReusePort stands in for the one in lesson05-multiprocess/exercises
// (sockopt_unix.go), so that this folder builds on its own. The solutions run
// in the lesson's folder (go test -overlay solutions/overlay.json), beside
// the real one; this file is not in the overlay.
func setReusePort(fd uintptr) error {
	panic("setReusePort: run the solutions with go test -overlay solutions/overlay.json")
}
