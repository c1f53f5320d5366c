package exercises

import "errors"

// setReusePort: Windows has no SO_REUSEPORT.
func setReusePort(fd uintptr) error {
	return errors.New("SO_REUSEPORT needs Linux or macOS")
}
