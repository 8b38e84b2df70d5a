//go:build unix

package extract

import (
	"os"
	"syscall"
)

// openNonBlock opens path for reading without blocking: opening a named
// pipe with no writer would otherwise wait forever. For a regular file
// the flag changes nothing.
func openNonBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
