/// A path glob: `**` crosses directories, `*` and `?` stay within one, `[a-z]` and `[!x]` are
/// character classes, `{a,b}` alternatives. Matching is anchored at both ends.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let alternatives: [[UInt8]]

    public init(_ pattern: String) {
        self.pattern = pattern
        alternatives = Glob.expandBraces(pattern).map { Array($0.utf8) }
    }

    public func matches(_ path: String) -> Bool {
        let text = Array(path.utf8)
        return alternatives.contains { Glob.match($0, 0, text, 0) }
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
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else {
            return [pattern]
        }
        let head = pattern[..<open]
        let tail = String(pattern[pattern.index(after: close)...])
        let options = pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        return options.flatMap { option in expandBraces(head + option + tail) }
    }

    /// Iterative-with-backtracking matcher; bounded by pattern × text for each star.
    static func match(_ pattern: [UInt8], _ p: Int, _ text: [UInt8], _ t: Int) -> Bool {
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
                        if match(pattern, next + 1, text, t) { return true }
                        next += 1
                    }
                    var position = t
                    while position <= text.count {
                        if match(pattern, next, text, position) { return true }
                        position += 1
                    }
                    return false
                }
                var position = t
                while true {
                    if match(pattern, p + 1, text, position) { return true }
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
