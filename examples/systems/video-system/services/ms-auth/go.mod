module service

go 1.23
