//go:build !unix

package extract

import "os"

// openNonBlock opens path for reading; systems without named pipes in the
// file system need no O_NONBLOCK.
func openNonBlock(path string) (*os.File, error) {
	return os.Open(path)
}
