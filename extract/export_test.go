package extract

// What the external tests (package extract_test) use of the internal ones.
var (
	HostileShapes = hostileShapes
	HostileText   = hostileText
)
