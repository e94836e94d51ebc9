import LinterCore

/// A fix as text: what `--fix`, editors and SARIF apply. Every edit is exact bytes on one file.
public struct RenderedFix: Sendable, Hashable {
    public var title: String
    public var safety: FixSafety
    /// Sorted by path, then position; no two overlap.
    public var edits: [TextEdit]

    public init(title: String, safety: FixSafety, edits: [TextEdit]) {
        self.title = title
        self.safety = safety
        self.edits = edits
    }

    /// The files the fix changes (root-relative, as findings name them).
    public var paths: [String] {
        var seen: [String] = []
        for edit in edits where !seen.contains(edit.path) { seen.append(edit.path) }
        return seen
    }
}

/// Replaces the bytes of `range` in the file at `path` with `replacement`. An empty range inserts.
public struct TextEdit: Sendable, Hashable {
    /// Root-relative, as in `Finding.path`.
    public var path: String
    /// Byte offsets (`start.offset`, `end.offset`), lines and UTF-16 columns of the replaced text.
    public var range: SourceRange
    public var replacement: String

    public init(path: String, range: SourceRange, replacement: String) {
        self.path = path
        self.range = range
        self.replacement = replacement
    }

    public var byteRange: ByteRange { ByteRange(start: range.start.offset, end: range.end.offset) }

    /// Whether the two edits touch the same bytes, or insert at the same place (their order
    /// would then be a guess).
    public func overlaps(_ other: TextEdit) -> Bool {
        guard path == other.path else { return false }
        let (a, b) = (byteRange, other.byteRange)
        if a.start == b.start { return true }
        if a.length == 0 { return a.start > b.start && a.start < b.end }
        if b.length == 0 { return b.start > a.start && b.start < a.end }
        return a.start < b.end && b.start < a.end
    }
}
