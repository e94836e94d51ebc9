import LinterCore

/// A regular expression in a plain subset, matched directly on Unicode scalars.
///
/// The standard library's `Regex` builds a program for a pattern on its first match (about
/// 0.2 ms) and interprets it at about 0.5 µs a match on an image name; shipped rules that are on
/// by default (`container-runs-as-root`) use patterns on every container. Patterns in this subset
/// are matched here instead; any other pattern is left to `Regex` (`CompiledPattern`).
///
/// The subset: literals, `.`, anchors, `\d \w \s` (and their negations) and escaped punctuation,
/// plain groups, alternation of non-empty branches, simple bracket classes and the quantifiers
/// `? * + {n} {n,} {n,m}` (optionally lazy). Anything else (look-around, flags, back-references,
/// nested sets, a second quantifier…) makes `init` return nil. Semantics follow ICU's defaults:
/// case-sensitive, `.` matches anything but a line terminator, `^` matches at the start of the
/// text, `$` at its end or before a final line terminator, and the shorthand classes are Unicode
/// aware. Laziness does not change whether a match exists, so it is accepted and ignored.
struct SimpleRegex: Sendable {
    indirect enum Element: Sendable {
        case scalar(Unicode.Scalar)
        case any
        case start
        case end
        case set(CharacterSet)
        /// Alternatives, each a sequence.
        case group([[Element]])
        case repeated(Element, min: Int, max: Int?)

        /// Matches exactly one scalar when it matches at all.
        var isSingleScalar: Bool {
            switch self {
            case .scalar, .any, .set: return true
            default: return false
            }
        }
    }

    /// A bracket class or shorthand: members and ranges, possibly negated.
    struct CharacterSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var shorthands: [Shorthand] = []
        var negated = false

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let member = ranges.contains { $0.contains(scalar.value) } || shorthands.contains { $0.contains(scalar) }
            return member != negated
        }
    }

    enum Shorthand: Sendable {
        case digit, word, space, notDigit, notWord, notSpace

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let properties = scalar.properties
            switch self {
            case .digit: return properties.generalCategory == .decimalNumber
            case .notDigit: return properties.generalCategory != .decimalNumber
            case .space: return properties.isWhitespace
            case .notSpace: return !properties.isWhitespace
            case .word, .notWord:
                let isWord: Bool
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: isWord = true
                default: isWord = properties.isAlphabetic || scalar.value == 0x200C || scalar.value == 0x200D
                }
                return self == .word ? isWord : !isWord
            }
        }
    }

    let alternatives: [[Element]]

    /// Nil when the pattern is outside the subset.
    init?(_ pattern: String) {
        var parser = Parser(bytes: Array(pattern.utf8))
        guard let alternatives = parser.parseAlternation(depth: 0), parser.index == parser.bytes.count else { return nil }
        self.alternatives = alternatives
    }

    static let maxTextLength = 1_000

    /// Search semantics, like ICU's `find`: anchor with `^…$` for the whole
    /// text. Nil for a text longer than `maxTextLength` scalars.
    func matches(_ text: String) -> Bool? {
        // Repeated groups recurse once per repetition; longer texts are left to `Regex`,
        // whose backtracking stack lives on the heap.
        guard text.unicodeScalars.count <= SimpleRegex.maxTextLength else { return nil }
        let scalars = Array(text.unicodeScalars)
        let matcher = Matcher(text: scalars)
        for start in 0...scalars.count where matcher.matchAlternatives(alternatives, at: start, then: { _ in true }) {
            return true
        }
        return false
    }

    // MARK: Matching

    private struct Matcher {
        let text: [Unicode.Scalar]

        static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
            default: return false
            }
        }

        func matchAlternatives(_ alternatives: [[Element]], at position: Int, then next: (Int) -> Bool) -> Bool {
            alternatives.contains { matchSequence($0[...], at: position, then: next) }
        }

        func matchSequence(_ sequence: ArraySlice<Element>, at position: Int, then next: (Int) -> Bool) -> Bool {
            guard let first = sequence.first else { return next(position) }
            let rest = sequence.dropFirst()
            return matchElement(first, at: position) { matchSequence(rest, at: $0, then: next) }
        }

        func matchElement(_ element: Element, at position: Int, then next: (Int) -> Bool) -> Bool {
            switch element {
            case .scalar, .any, .set:
                return matchesOne(element, at: position) && next(position + 1)
            case .start:
                return position == 0 && next(position)
            case .end:
                if position == text.count { return next(position) }
                // Before a final line terminator (`\r\n` counts as one).
                let remaining = text.count - position
                if remaining == 1 && Matcher.isLineTerminator(text[position]) { return next(position) }
                if remaining == 2 && text[position] == "\r" && text[position + 1] == "\n" { return next(position) }
                return false
            case .group(let alternatives):
                return matchAlternatives(alternatives, at: position, then: next)
            case .repeated(let body, let min, let max):
                return matchRepeat(body, count: 0, min: min, max: max, at: position, then: next)
            }
        }

        /// Whether a single-scalar element (a scalar, `.` or a set) matches the scalar at `position`.
        func matchesOne(_ element: Element, at position: Int) -> Bool {
            guard position < text.count else { return false }
            switch element {
            case .scalar(let scalar): return text[position] == scalar
            case .any: return !Matcher.isLineTerminator(text[position])
            case .set(let set): return set.contains(text[position])
            default: return false
            }
        }

        /// Greedy: one more repetition first, then the rest of the pattern. A repetition that
        /// consumed nothing ends the loop, so `(a*)*` terminates. Repetitions of one scalar
        /// (`.*`, `[a-z]+`, `\d{12}`) are counted in a loop, so the recursion depth does not
        /// grow with the text.
        func matchRepeat(
            _ body: Element, count: Int, min: Int, max: Int?, at position: Int, then next: (Int) -> Bool
        ) -> Bool {
            if count == 0, body.isSingleScalar {
                var run = 0
                while max.map({ run < $0 }) ?? true, matchesOne(body, at: position + run) { run += 1 }
                guard run >= min else { return false }
                var taken = run
                while taken >= min {
                    if next(position + taken) { return true }
                    taken -= 1
                }
                return false
            }
            if max.map({ count < $0 }) ?? true {
                let more = matchElement(body, at: position) { after in
                    if after == position && count >= min { return false }
                    return matchRepeat(body, count: count + 1, min: min, max: max, at: after, then: next)
                }
                if more { return true }
            }
            return count >= min && next(position)
        }
    }

    // MARK: Parsing

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        static func isLiteral(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ",")
                || byte == UInt8(ascii: "%")
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        static func shorthand(_ byte: UInt8) -> Shorthand? {
            switch byte {
            case UInt8(ascii: "d"): return .digit
            case UInt8(ascii: "D"): return .notDigit
            case UInt8(ascii: "w"): return .word
            case UInt8(ascii: "W"): return .notWord
            case UInt8(ascii: "s"): return .space
            case UInt8(ascii: "S"): return .notSpace
            default: return nil
            }
        }

        /// `\` followed by a shorthand letter or escaped punctuation.
        mutating func parseEscape() -> Element? {
            guard index + 1 < bytes.count else { return nil }
            let byte = bytes[index + 1]
            index += 2
            if let shorthand = Parser.shorthand(byte) { return .set(CharacterSet(shorthands: [shorthand])) }
            guard "./\\-^$|?*+()[]{}".utf8.contains(byte) else { return nil }
            return .scalar(Unicode.Scalar(byte))
        }

        mutating func parseAlternation(depth: Int) -> [[Element]]? {
            guard depth < 16 else { return nil }
            var alternatives: [[Element]] = []
            while true {
                var sequence: [Element] = []
                while index < bytes.count && bytes[index] != UInt8(ascii: "|") && bytes[index] != UInt8(ascii: ")") {
                    let byte = bytes[index]
                    var element: Element
                    var quantifiable = true
                    if byte == UInt8(ascii: "^") || byte == UInt8(ascii: "$") {
                        element = byte == UInt8(ascii: "^") ? .start : .end
                        index += 1
                        quantifiable = false
                    } else if byte == UInt8(ascii: ".") {
                        element = .any
                        index += 1
                    } else if Parser.isLiteral(byte) {
                        element = .scalar(Unicode.Scalar(byte))
                        index += 1
                    } else if byte == UInt8(ascii: "\\") {
                        guard let escaped = parseEscape() else { return nil }
                        element = escaped
                    } else if byte == UInt8(ascii: "(") {
                        index += 1
                        if index < bytes.count && bytes[index] == UInt8(ascii: "?") { return nil }
                        guard let inner = parseAlternation(depth: depth + 1), index < bytes.count,
                            bytes[index] == UInt8(ascii: ")")
                        else { return nil }
                        index += 1
                        element = .group(inner)
                    } else if byte == UInt8(ascii: "[") {
                        guard let set = parseClass() else { return nil }
                        element = .set(set)
                    } else {
                        return nil
                    }
                    if index < bytes.count, "?*+{".utf8.contains(bytes[index]) {
                        guard quantifiable, let (min, max) = parseQuantifier() else { return nil }
                        element = .repeated(element, min: min, max: max)
                    }
                    sequence.append(element)
                }
                if sequence.isEmpty { return nil }
                alternatives.append(sequence)
                if index < bytes.count && bytes[index] == UInt8(ascii: "|") {
                    index += 1
                    continue
                }
                return alternatives
            }
        }

        mutating func parseQuantifier() -> (Int, Int?)? {
            var bounds: (Int, Int?)
            switch bytes[index] {
            case UInt8(ascii: "?"): bounds = (0, 1)
            case UInt8(ascii: "*"): bounds = (0, nil)
            case UInt8(ascii: "+"): bounds = (1, nil)
            default:
                index += 1
                var low = 0
                var digits = 0
                while index < bytes.count && Parser.isDigit(bytes[index]) && digits < 4 {
                    low = low * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                guard digits > 0, index < bytes.count else { return nil }
                bounds = (low, low)
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    var high = 0
                    var highDigits = 0
                    while index < bytes.count && Parser.isDigit(bytes[index]) && highDigits < 4 {
                        high = high * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                        index += 1
                        highDigits += 1
                    }
                    if highDigits > 0 && high < low { return nil }
                    bounds = (low, highDigits > 0 ? high : nil)
                }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else { return nil }
            }
            index += 1
            if index < bytes.count && bytes[index] == UInt8(ascii: "?") { index += 1 }
            // A second quantifier (`a**`, `a?+`) is left to `Regex`.
            if index < bytes.count, "?*+{".utf8.contains(bytes[index]) { return nil }
            return bounds
        }

        /// `[...]` or `[^...]` of literals, `a-z` ranges, escapes, and a final literal `-`.
        mutating func parseClass() -> CharacterSet? {
            index += 1
            var set = CharacterSet()
            if index < bytes.count && bytes[index] == UInt8(ascii: "^") {
                set.negated = true
                index += 1
            }
            var members = 0
            while index < bytes.count && bytes[index] != UInt8(ascii: "]") {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = parseEscape() else { return nil }
                    switch escaped {
                    case .scalar(let scalar): set.ranges.append(scalar.value...scalar.value)
                    case .set(let shorthand): set.shorthands += shorthand.shorthands
                    default: return nil
                    }
                } else if byte == UInt8(ascii: "-") {
                    // Only as the last member: `[a-z0-9-]`.
                    guard members > 0, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "]") else { return nil }
                    set.ranges.append(UInt32(byte)...UInt32(byte))
                    index += 1
                } else if Parser.isLiteral(byte) || byte == UInt8(ascii: ".") {
                    if index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "-") && bytes[index + 2] != UInt8(ascii: "]") {
                        let high = bytes[index + 2]
                        guard Parser.isLiteral(high), high != UInt8(ascii: "-"), byte != UInt8(ascii: "-"), byte <= high else {
                            return nil
                        }
                        set.ranges.append(UInt32(byte)...UInt32(high))
                        index += 3
                    } else {
                        set.ranges.append(UInt32(byte)...UInt32(byte))
                        index += 1
                    }
                } else {
                    return nil
                }
                members += 1
            }
            guard members > 0, index < bytes.count else { return nil }
            index += 1
            return set
        }
    }
}
