/// An anchored whole-tag wildcard pattern, as used by ECR `tagPatternList` and by tag-mutability
/// exclusion filters (docs/aws-semantics.md §1.3 item 8, §2.2).
///
/// `*` matches any run of characters, including the empty run. Every other character is literal.
/// There is no escaping and no `?`.
public struct TagPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    /// Number of `*` characters. AWS allows at most 4 per `tagPatternList` entry
    /// (docs/aws-semantics.md §1.2).
    public var wildcardCount: Int {
        text.unicodeScalars.reduce(0) { $0 + ($1 == "*" ? 1 : 0) }
    }

    public var hasWildcard: Bool { text.unicodeScalars.contains("*") }

    /// Whole-tag match of `tag` against this pattern.
    public func matches(_ tag: String) -> Bool {
        TagGlob.match(segments: TagGlob.segments(text), subject: Array(tag.unicodeScalars))
    }

    /// A concrete tag standing for "some tag matching this pattern". Every `*` is replaced by `~`,
    /// which cannot occur in a real tag or in a valid rule, so a rule matches the representative
    /// only when its literal text is already implied by the pattern (e.g. prefix `sha-` and
    /// pattern `sha-*` match the representative of `sha-*`; prefix `sha-a` does not).
    public var representativeTag: String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "*" ? "~" : $0 }))
    }

    /// True when every tag matched by `other` is provably matched by `self` (language inclusion).
    /// Sound but not complete: a `false` answer means "not proven", never "proven disjoint".
    public func provablyCovers(_ other: TagPattern) -> Bool {
        let outer = TagGlob.segments(text).map { $0.map(GlobSymbol.char) }
        let inner = other.text.unicodeScalars.map { $0 == "*" ? GlobSymbol.wildcard : GlobSymbol.char($0) }
        return TagGlob.match(segments: outer, subject: inner)
    }

    /// Why no valid image tag can match this pattern, or nil when one can. A tag is
    /// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (Docker's tag grammar, which ECR enforces on push), so
    /// a literal character outside that set, a literal `.` or `-` first, or more than 128 literal
    /// characters leave nothing to match. A `*` may stand for a valid first character.
    public var whyNoTagMatches: String? {
        let scalars = Array(text.unicodeScalars)
        if let first = scalars.first, first != "*", !TagPattern.isTagStart(first) {
            return "a tag cannot start with '\(first)'"
        }
        if let invalid = scalars.first(where: { $0 != "*" && !TagPattern.isTagCharacter($0) }) {
            return "a tag cannot hold '\(invalid)'"
        }
        let literalCount = scalars.filter { $0 != "*" }.count
        if literalCount > 128 { return "a tag is at most 128 characters long" }
        return nil
    }

    static func isTagStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    static func isTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isTagStart(scalar) || scalar == "." || scalar == "-"
    }

    public var description: String { text }
}

/// Convenience for the common call site.
public func globMatch(_ pattern: String, _ tag: String) -> Bool {
    TagPattern(pattern).matches(tag)
}

/// A symbol of a "symbolic subject": either a literal character or an opaque wildcard that only a
/// `*` of the outer pattern may absorb. Used for the pattern-inclusion check.
enum GlobSymbol: Hashable, Sendable {
    case char(Unicode.Scalar)
    case wildcard
}

enum TagGlob {
    /// The literal parts of `pattern` between its `*`s: k stars give k+1 (possibly empty) parts.
    static func segments(_ pattern: String) -> [[Unicode.Scalar]] {
        var parts: [[Unicode.Scalar]] = [[]]
        for scalar in pattern.unicodeScalars {
            if scalar == "*" {
                parts.append([])
            } else {
                parts[parts.count - 1].append(scalar)
            }
        }
        return parts
    }

    /// `matches(pattern, tag)` of docs/aws-semantics.md §1.6: the first part anchors at the start,
    /// the last at the end, and the middle parts are found left-most in order, without overlapping.
    static func match<S: Equatable>(segments: [[S]], subject: [S]) -> Bool {
        guard let first = segments.first, let last = segments.last else { return subject.isEmpty }
        if segments.count == 1 { return subject == first }
        guard subject.count >= first.count + last.count else { return false }
        guard subject.starts(with: first), subject.suffix(last.count).elementsEqual(last) else { return false }
        var pos = first.count
        let end = subject.count - last.count
        for mid in segments.dropFirst().dropLast() where !mid.isEmpty {
            guard let found = firstIndex(of: mid, in: subject, from: pos, before: end) else { return false }
            pos = found + mid.count
        }
        return pos <= end
    }

    /// First index `i` in `from ..< before` with `subject[i ..< i + needle.count] == needle`
    /// and `i + needle.count <= before`.
    private static func firstIndex<S: Equatable>(of needle: [S], in subject: [S], from: Int, before: Int) -> Int? {
        guard before - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= before {
            if subject[i ..< i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
