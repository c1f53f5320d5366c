module socketlab/solutions

go 1.22
