package basic_test

import (
	"testing"

	"socketlab/labkit/labtest"
	basic "socketlab/lesson01-basic"
)

func TestMain(m *testing.M) { labtest.Main(m) }

func startServer(t *testing.T) *labtest.Server {
	return labtest.StartServer(t, basic.Serve)
}
