//go:build !unix

package documents

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
