module socketlab/labkit

go 1.22

require (
	github.com/google/go-cmp v0.7.0
	go.uber.org/goleak v1.3.0
	golang.org/x/sys v0.30.0
)

require github.com/stretchr/testify v1.11.1 // indirect
