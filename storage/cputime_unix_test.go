//go:build unix

package storage

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) this process has used: a
// benchmark's figure that the machine's other load does not inflate.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
