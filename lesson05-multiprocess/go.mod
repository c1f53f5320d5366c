module socketlab/lesson05-multiprocess

go 1.22

require golang.org/x/sys v0.30.0

replace socketlab/labkit => ../labkit
