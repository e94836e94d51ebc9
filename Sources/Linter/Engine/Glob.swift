import LinterCore

/// A path glob: `**` crosses directories, `*` and `?` stay within one, `[a-z]` and `[!x]` are
/// character classes, `{a,b}` alternatives. Matching is anchored at both ends.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let alternatives: [[UInt8]]

    /// More `{a,b}` alternatives than this (they multiply) leave the braces literal.
    static let maxAlternatives = 256

    public init(_ pattern: String) {
        self.pattern = pattern
        alternatives = Glob.expandBraces(pattern).map { Array($0.utf8) }
    }

    public func matches(_ path: String) -> Bool {
        let text = Array(path.utf8)
        return alternatives.contains { alternative in
            var failed = FailedStates(patternCount: alternative.count, textCount: text.count)
            return Glob.match(alternative, 0, text, 0, &failed)
        }
    }

    /// (pattern, text) positions already known not to match. With it each position pair is tried
    /// once, so matching costs O(pattern × text) whatever the stars: without it `**a**a**a…b`
    /// backtracks exponentially, and an `.ecslint.json` glob of 88 stars never finishes.
    struct FailedStates {
        private var words: [UInt64]
        private let width: Int

        init(patternCount: Int, textCount: Int) {
            width = textCount + 1
            words = Array(repeating: 0, count: ((patternCount + 1) * width + 63) / 64)
        }

        func contains(_ p: Int, _ t: Int) -> Bool {
            let bit = p * width + t
            return words[bit / 64] & (1 << UInt64(bit % 64)) != 0
        }

        mutating func insert(_ p: Int, _ t: Int) {
            let bit = p * width + t
            words[bit / 64] |= 1 << UInt64(bit % 64)
        }
    }

    /// True when the glob matches the path or any of its parent directories' contents would
    /// (a pattern without `/` matches a file name anywhere, as .gitignore does).
    public func matchesPath(_ relativePath: String) -> Bool {
        if matches(relativePath) { return true }
        if !pattern.contains("/") {
            let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
            if matches(name) { return true }
        }
        // A directory pattern also covers everything below it.
        var prefix = ""
        for component in relativePath.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            if matches(prefix) { return true }
        }
        return false
    }

    static func expandBraces(_ pattern: String) -> [String] {
        var expanded: [String] = []
        if expandBraces(pattern, into: &expanded), !expanded.isEmpty { return expanded }
        return [pattern]
    }

    /// False when the alternatives would exceed `maxAlternatives` (`{a,b}{a,b}…` doubles each time).
    static func expandBraces(_ pattern: String, into expanded: inout [String]) -> Bool {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else {
            expanded.append(pattern)
            return expanded.count <= maxAlternatives
        }
        let head = pattern[..<open]
        let tail = String(pattern[pattern.index(after: close)...])
        let options = pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        for option in options where !expandBraces(head + option + tail, into: &expanded) { return false }
        return true
    }

    static func match(_ pattern: [UInt8], _ p: Int, _ text: [UInt8], _ t: Int, _ failed: inout FailedStates) -> Bool {
        if failed.contains(p, t) { return false }
        if matchFrom(pattern, p, text, t, &failed) { return true }
        failed.insert(p, t)
        return false
    }

    /// Iterative-with-backtracking matcher; every recursive attempt goes through `match`, which
    /// remembers the failures.
    static func matchFrom(_ pattern: [UInt8], _ p: Int, _ text: [UInt8], _ t: Int, _ failed: inout FailedStates) -> Bool {
        var p = p
        var t = t
        while p < pattern.count {
            let byte = pattern[p]
            if byte == UInt8(ascii: "*") {
                let doubleStar = p + 1 < pattern.count && pattern[p + 1] == UInt8(ascii: "*")
                if doubleStar {
                    var next = p + 2
                    // `**/` also matches zero directories.
                    if next < pattern.count && pattern[next] == UInt8(ascii: "/") {
                        if match(pattern, next + 1, text, t, &failed) { return true }
                        next += 1
                    }
                    var position = t
                    while position <= text.count {
                        if match(pattern, next, text, position, &failed) { return true }
                        position += 1
                    }
                    return false
                }
                var position = t
                while true {
                    if match(pattern, p + 1, text, position, &failed) { return true }
                    if position >= text.count || text[position] == UInt8(ascii: "/") { return false }
                    position += 1
                }
            }
            guard t < text.count else { return false }
            if byte == UInt8(ascii: "?") {
                if text[t] == UInt8(ascii: "/") { return false }
            } else if byte == UInt8(ascii: "[") {
                guard let (matched, next) = matchClass(pattern, p, text[t]) else {
                    if text[t] != byte { return false }
                    p += 1
                    t += 1
                    continue
                }
                if !matched { return false }
                p = next
                t += 1
                continue
            } else if byte != text[t] {
                return false
            }
            p += 1
            t += 1
        }
        return t == text.count
    }

    /// Matches a `[...]` class at `p`; nil when the bracket is not closed (then it is literal).
    static func matchClass(_ pattern: [UInt8], _ p: Int, _ byte: UInt8) -> (Bool, Int)? {
        var index = p + 1
        var negate = false
        if index < pattern.count && (pattern[index] == UInt8(ascii: "!") || pattern[index] == UInt8(ascii: "^")) {
            negate = true
            index += 1
        }
        var matched = false
        var first = true
        while index < pattern.count && (first || pattern[index] != UInt8(ascii: "]")) {
            first = false
            let low = pattern[index]
            if index + 2 < pattern.count && pattern[index + 1] == UInt8(ascii: "-") && pattern[index + 2] != UInt8(ascii: "]") {
                if byte >= low && byte <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if byte == low { matched = true }
                index += 1
            }
        }
        guard index < pattern.count else { return nil }
        return (matched != negate, index + 1)
    }
}
