package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// ErrEmpty is returned for a file that holds nothing but white space.
var ErrEmpty = errors.New("extract: empty document")

// ErrBinary is returned for a file that is not text: it holds a NUL byte or
// is mostly control characters and invalid UTF-8.
var ErrBinary = errors.New("extract: binary file")

// ErrInvalidUTF8 is returned for a text file that is not valid UTF-8. The
// wrapping error gives the byte offset of the first bad byte.
var ErrInvalidUTF8 = errors.New("extract: invalid UTF-8")

// ErrUnsupported is returned for a file whose extension names no format
// that Read knows.
var ErrUnsupported = errors.New("extract: unsupported format")

// ErrUTF16 is returned for a text or Markdown file in UTF-16: it is text,
// but kg reads UTF-8 only (HTML pages in UTF-16 are converted).
var ErrUTF16 = errors.New("extract: UTF-16 text (convert it to UTF-8)")

// ErrNotRegular is returned for a path that is not a regular file: a
// device, a named pipe, a socket, or a link to one. None is ever opened
// for reading (a pipe would block, a device never end).
var ErrNotRegular = errors.New("extract: not a regular file")

// ErrOutsideRoot is returned for a symbolic link inside a folder that
// leads out of it: a corpus is what its folder holds.
var ErrOutsideRoot = errors.New("extract: symbolic link leads outside the folder")

// ErrSymlinkDir is returned for a symbolic link to a folder inside a
// folder being walked: it is not followed, and the error has no document
// id, so a re-import does not prune the documents that were under it.
var ErrSymlinkDir = errors.New("extract: symbolic link to a folder not followed")

// ErrHTML is returned for a page the HTML parser refuses: one nested
// more than 512 elements deep.
var ErrHTML = errors.New("extract: HTML cannot be parsed")

// ErrTooLarge is returned for a file larger than the size limit.
var ErrTooLarge = errors.New("extract: file too large")

// DefaultMaxBytes is the size limit of one document when none is given:
// ample for an article or a page, far below what would exhaust memory.
const DefaultMaxBytes = 10 << 20

// ReadError records a failure to read one document, and the path that
// failed. ReadPaths returns one per bad file.
type ReadError struct {
	Path string
	// ID is the id the file would have had, or "" when the error is not
	// about one file (a folder that cannot be walked): a re-import must
	// not take a document that failed to read for one that was removed.
	ID  DocID
	Err error
}

// Error returns "read PATH: cause".
func (e *ReadError) Error() string { return "read " + e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause, so that errors.Is(err, ErrBinary) works.
func (e *ReadError) Unwrap() error { return e.Err }

// readFormats maps a lower-case file extension to a Document.Format.
var readFormats = map[string]string{
	".txt":      "text",
	".text":     "text",
	".md":       "markdown",
	".markdown": "markdown",
	".html":     "html",
	".htm":      "html",
}

// readFormat returns the format for a file name, or "" when none fits.
func readFormat(name string) string {
	return readFormats[strings.ToLower(filepath.Ext(name))]
}

// Read turns the bytes of one file into a Document with its title, date and
// sections. The format comes from the extension of source: .txt and .text
// are plain text, .md and .markdown Markdown, .html and .htm HTML; any
// other is ErrUnsupported. Data that is empty or only white space is
// ErrEmpty, data with NUL bytes or mostly not text is ErrBinary, and text
// that is not UTF-8 is ErrInvalidUTF8.
//
// For plain text and Markdown, Text is data exactly, so that every offset
// is a byte offset into the file as read: nothing is normalised, not even
// line ends. For HTML, Text is the readable text of the page, block by
// block, with blank lines between blocks.
func Read(source string, id DocID, data []byte) (Document, error) {
	format := readFormat(source)
	if format == "" {
		return Document{}, fmt.Errorf("%w: %q", ErrUnsupported, filepath.Ext(source))
	}
	if format == "html" {
		data = readDecodeHTML(data)
	}
	if err := readCheck(data); err != nil {
		return Document{}, err
	}
	doc := Document{ID: id, Source: source, Format: format}
	if format == "html" {
		page, err := readHTML(data)
		if err != nil {
			return Document{}, err
		}
		if strings.TrimSpace(page.text) == "" {
			return Document{}, ErrEmpty
		}
		doc.Text = page.text
		r := structHTML(page)
		doc.Title, doc.Date, doc.Sections = r.title, r.date, r.sections
		return doc, nil
	}
	doc.Text = string(data)
	r := structText(doc.Text, structOpts{markdown: format == "markdown"})
	doc.Title, doc.Date, doc.Sections = r.title, r.date, r.sections
	return doc, nil
}

// readDecodeHTML converts a page that declares a legacy encoding
// (<meta charset="windows-1252">, or a UTF-16 byte order mark) to UTF-8.
// A page that declares none is taken to be UTF-8, and checked as such.
func readDecodeHTML(data []byte) []byte {
	if utf8.Valid(data) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) && !bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return data
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	e, name, certain := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" || (!certain && !bytes.Contains(bytes.ToLower(head), []byte("charset"))) {
		return data
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// readCheck rejects data that is empty, binary or not UTF-8, in that order
// of precedence, so that a binary file is called binary and not merely
// badly encoded. UTF-16 text is named as such: it is full of NUL bytes
// but it is not binary.
func readCheck(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return ErrEmpty
	}
	if readUTF16(data) {
		return ErrUTF16
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return ErrBinary
	}
	// Look at the start of the file: a text file in a legacy encoding has
	// some bad bytes, a binary one has them everywhere.
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	bad := 0
	for i := 0; i < len(sample); {
		r, n := utf8.DecodeRune(sample[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if i+utf8.UTFMax > len(sample) && !utf8.FullRune(sample[i:]) {
				n = len(sample) - i // a rune cut by the sample's end
			} else {
				bad++
			}
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v':
			bad++
		case r == 0x7f:
			bad++
		}
		i += n
	}
	if bad*10 > 3*len(sample) { // mostly not text
		return ErrBinary
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("%w at byte %d", ErrInvalidUTF8, readInvalidAt(data))
	}
	return nil
}

// readUTF16 reports whether data looks like UTF-16 text: it starts with a
// byte order mark, or the start of the file has a NUL in every other byte
// (ASCII text in UTF-16 without a mark) and nowhere else.
func readUTF16(data []byte) bool {
	if len(data) >= 2 && (data[0] == 0xff && data[1] == 0xfe || data[0] == 0xfe && data[1] == 0xff) {
		return true
	}
	n := min(len(data), 512) &^ 1
	if n < 8 {
		return false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return (even == 0 && odd*10 >= half*9) || (odd == 0 && even*10 >= half*9)
}

// readInvalidAt returns the offset of the first byte of data that is not
// part of a valid UTF-8 sequence.
func readInvalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// File is one input file found by List: where it is, the id its document
// will have, and the corpus (folder) it belongs to.
type File struct {
	Path   string
	ID     DocID
	Corpus string
}

// List finds the files named by paths. Each path is a file or a folder;
// folders are walked recursively, skipping hidden files and folders and,
// silently, files of unsupported formats. A file named explicitly is listed
// whatever its format (ReadFile will say if it is unsupported).
//
// Only regular files are listed. Inside a folder, a symbolic link is
// followed only when it leads to a regular file inside that folder; a link
// that leads out of it is ErrOutsideRoot, a link to a folder is
// ErrSymlinkDir (never walked, so a folder replaced by a link cannot make
// its documents look removed), and devices, named pipes and sockets are
// ErrNotRegular. A file named explicitly may be a link to a regular file
// anywhere: the user named it.
//
// A document's ID is its path relative to the folder given, slash
// separated and without its extension; for a file given by name it is the
// base name without extension. A duplicate ID is an error for every file
// after the first (in the order of paths, then of the walk) that has it.
// Errors are *ReadError values; one with an empty ID means a folder could
// not be walked (or was a link not followed), so files may be missing
// from the list.
func List(paths []string) ([]File, []error) {
	var files []File
	var errs []error
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &ReadError{Path: p, Err: err})
			continue
		}
		if !info.IsDir() {
			base := filepath.Base(p)
			id := DocID(strings.TrimSuffix(base, filepath.Ext(base)))
			if !info.Mode().IsRegular() {
				errs = append(errs, &ReadError{Path: p, ID: id, Err: notRegular(info.Mode())})
				continue
			}
			files = append(files, File{p, id, CorpusPath(filepath.Dir(p))})
			continue
		}
		root := p
		corpus := CorpusPath(root)
		realRoot, err := filepath.EvalSymlinks(root)
		if err != nil {
			errs = append(errs, &ReadError{Path: root, Err: err})
			continue
		}
		// A folder named on the command line may be a link (/srv/corpus
		// to a mount): WalkDir follows it when the path ends in a
		// separator. Links below it are never followed.
		if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			root += string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &ReadError{Path: fp, Err: err})
				if d != nil && d.IsDir() && fp != root {
					return fs.SkipDir
				}
				return nil
			}
			if fp != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(root, fp)
			if err != nil {
				errs = append(errs, &ReadError{Path: fp, Err: err})
				return nil
			}
			rel = filepath.ToSlash(rel)
			id := DocID(strings.TrimSuffix(rel, path.Ext(rel)))
			if d.Type()&fs.ModeSymlink != 0 {
				if err := listLink(realRoot, fp); err != nil {
					if errors.Is(err, ErrSymlinkDir) {
						id = "" // a folder not walked: its documents are not known to be gone
					} else if readFormat(fp) == "" {
						return nil
					}
					errs = append(errs, &ReadError{Path: fp, ID: id, Err: err})
					return nil
				}
			} else if !d.Type().IsRegular() {
				if readFormat(fp) != "" {
					errs = append(errs, &ReadError{Path: fp, ID: id, Err: notRegular(d.Type())})
				}
				return nil
			}
			if readFormat(fp) == "" {
				return nil
			}
			files = append(files, File{fp, id, corpus})
			return nil
		})
		if err != nil {
			errs = append(errs, &ReadError{Path: root, Err: err})
		}
	}
	seen := make(map[DocID]string)
	unique := files[:0]
	for _, f := range files {
		if first, ok := seen[f.ID]; ok {
			errs = append(errs, &ReadError{Path: f.Path, ID: f.ID, Err: fmt.Errorf("duplicate document id %q (also %s)", f.ID, first)})
			continue
		}
		seen[f.ID] = f.Path
		unique = append(unique, f)
	}
	return unique, errs
}

// listLink checks a symbolic link found under the folder realRoot (with
// its links resolved): nil when it leads to a regular file inside it.
func listLink(realRoot, link string) error {
	target, err := filepath.EvalSymlinks(link)
	if err != nil {
		return fmt.Errorf("broken symbolic link: %w", err)
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return fmt.Errorf("%w (to %s)", ErrSymlinkDir, target)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%w (link to %s)", notRegular(info.Mode()), target)
	}
	if rel, err := filepath.Rel(realRoot, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%w (to %s)", ErrOutsideRoot, target)
	}
	return nil
}

// notRegular names the kind of a file that is not regular.
func notRegular(m fs.FileMode) error {
	kind := "special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "named pipe"
	case m&fs.ModeSocket != 0:
		kind = "socket"
	case m&fs.ModeCharDevice != 0:
		kind = "character device"
	case m&fs.ModeDevice != 0:
		kind = "block device"
	case m.IsDir():
		kind = "folder"
	}
	return fmt.Errorf("%w: %s", ErrNotRegular, kind)
}

// ReadFile reads one listed file into a Document, with Corpus and Hash
// set, with the size limit DefaultMaxBytes.
func ReadFile(f File) (Document, error) {
	return ReadFileLimit(f, DefaultMaxBytes)
}

// ReadFileLimit is ReadFile with a size limit of max bytes (0 or less:
// DefaultMaxBytes): a larger file is ErrTooLarge, and is never read whole.
func ReadFileLimit(f File, max int64) (Document, error) {
	data, err := ReadBytes(f.Path, max)
	if err == nil {
		var doc Document
		if doc, err = Read(f.Path, f.ID, data); err == nil {
			doc.Corpus = f.Corpus
			doc.Hash = FileHash(data)
			return doc, nil
		}
	}
	return Document{}, &ReadError{Path: f.Path, ID: f.ID, Err: err}
}

// ReadBytes returns the bytes of the regular file at path, at most max of
// them (0 or less: DefaultMaxBytes). Anything but a regular file is
// ErrNotRegular and is not opened for reading: the path is checked before
// it is opened, it is opened without blocking (a pipe put there in the
// meantime does not hang the run) and the open file is checked again. A
// file larger than max is ErrTooLarge, checked before reading and enforced
// while reading (a file that grows is cut off, not read to its end).
func ReadBytes(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxBytes
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(info.Mode())
	}
	if info.Size() > max {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d (extract.max_bytes)", ErrTooLarge, info.Size(), max)
	}
	fd, err := openNonBlock(path)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	if info, err = fd.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(info.Mode())
	}
	data, err := io.ReadAll(io.LimitReader(fd, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes (extract.max_bytes)", ErrTooLarge, max)
	}
	return data, nil
}

// FileHash is the digest of a file's bytes that Document.Hash holds.
func FileHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ReadPaths reads every document named by paths (see List): documents
// sorted by ID, and one *ReadError per file or folder that failed. A bad
// file never stops the others.
func ReadPaths(paths []string) ([]Document, []error) {
	files, errs := List(paths)
	var docs []Document
	for _, f := range files {
		doc, err := ReadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, doc)
	}
	sort.SliceStable(docs, func(a, b int) bool { return docs[a].ID < docs[b].ID })
	return docs, errs
}

// CorpusPath is the corpus name of a folder: its absolute, clean path
// (Document.Corpus).
func CorpusPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
