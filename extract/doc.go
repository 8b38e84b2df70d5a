// Package extract turns text into facts with evidence: it reads news
// articles and blog posts (with their comment threads) into Documents cut
// into sections, splits them into sentences, finds mentions of entities,
// resolves them across the corpus and relates them, keeping for every fact
// the document, byte offsets and sentence that support it.
//
// Reading is the first stage. Read and ReadPaths turn files into Documents
// whose Text is what every later offset points into; the structure pass
// fills Title, Date and Sections so that later stages know which text is
// the post, which is a quoted article, which is a comment (and whose), and
// which is page furniture that no sentence may be taken from.
package extract
