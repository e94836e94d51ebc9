#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON held inside a string of another file: CloudFormation `LifecyclePolicyText`, Terraform
/// `container_definitions` and `policy`, the CLI's `lifecyclePolicyText`.
///
/// The string is decoded while remembering, for every decoded byte, where it came from in the
/// outer file. The inner document is parsed and every range is mapped back, so a finding on an
/// inner node points at the right line and column of the file the user edits.
public struct EmbeddedDocument: Sendable {
    /// The inner root, with ranges in the outer file.
    public var root: Node
    /// False when the string's encoding could not be mapped byte by byte (for example a folded
    /// YAML scalar); inner ranges then cover the whole string.
    public var isExactlyMapped: Bool

    /// Parses the JSON text of `node`, a string node of `file`.
    public static func parse(_ node: Node, in file: SourceFile, limits: ParseLimits = .default) -> Result<EmbeddedDocument, ParseError> {
        guard case .string(let value, let style) = node.kind else {
            return .failure(ParseError("expected a string holding JSON", at: node.range.start))
        }
        let decoded = SourceMap.decode(node: node, style: style, in: file)
        let exact = decoded.map { sameIgnoringTrailingLineFeeds($0.bytes, value) } ?? false
        let bytes = exact ? (decoded?.bytes ?? []) : Array(value.utf8)
        let map = exact ? decoded : nil
        do {
            var inner = try JSONParser(limits: limits).parse(bytes)
            if let map {
                map.mapOutward(&inner)
            } else {
                inner.mapRanges { _ in node.range }
            }
            return .success(EmbeddedDocument(root: inner, isExactlyMapped: exact))
        } catch {
            var mapped = error
            let inner = ByteRange(start: error.offset, end: error.offset + max(error.length, 0))
            let outer = map?.outerRange(of: inner) ?? node.range
            mapped.offset = outer.start
            mapped.length = outer.length
            mapped.message = "in embedded JSON: " + error.message
            return .failure(mapped)
        }
    }
}

/// Whether the decoded bytes spell `text`. Block scalars differ only in trailing line feeds by
/// chomping mode, which JSON ignores, so those are not compared.
public func sameIgnoringTrailingLineFeeds(_ bytes: [UInt8], _ text: String) -> Bool {
    var text = text
    return text.withUTF8 { textBytes in
        bytes.withUnsafeBufferPointer { decoded in
            var decodedEnd = decoded.count
            while decodedEnd > 0 && decoded[decodedEnd - 1] == 0x0A { decodedEnd -= 1 }
            var textEnd = textBytes.count
            while textEnd > 0 && textBytes[textEnd - 1] == 0x0A { textEnd -= 1 }
            guard decodedEnd == textEnd else { return false }
            guard let decodedBase = decoded.baseAddress, let textBase = textBytes.baseAddress else { return decodedEnd == 0 }
            return memcmp(decodedBase, textBase, decodedEnd) == 0
        }
    }
}

/// Decoded bytes of a string literal, each with the outer byte range it was written as.
public struct SourceMap {
    public var bytes: [UInt8] = []
    public var starts: [Int] = []
    public var ends: [Int] = []
    var endOfString: Int

    init(endOfString: Int, expectedCount: Int) {
        self.endOfString = endOfString
        bytes.reserveCapacity(expectedCount)
        starts.reserveCapacity(expectedCount)
        ends.reserveCapacity(expectedCount)
    }

    mutating func append(_ byte: UInt8, from start: Int, to end: Int) {
        bytes.append(byte)
        starts.append(start)
        ends.append(end)
    }

    /// Source bytes `start..<end` copied as they are, each mapped to itself: one bulk append per
    /// run instead of three appends per byte (a policy is mostly such runs).
    mutating func appendVerbatim(_ source: [UInt8], from start: Int, to end: Int) {
        guard start < end else { return }
        bytes.append(contentsOf: source[start..<end])
        starts.append(contentsOf: start..<end)
        ends.append(contentsOf: (start + 1)..<(end + 1))
    }

    func outerRange(of range: ByteRange) -> ByteRange {
        starts.withUnsafeBufferPointer { starts in
            ends.withUnsafeBufferPointer { ends in
                SourceMap.outerRange(of: range, starts: starts, ends: ends, endOfString: endOfString)
            }
        }
    }

    /// Maps every range of a tree parsed from `bytes` to the outer file. The tables are read
    /// through buffers opened once for the whole tree: a closure holding the map retained and
    /// released its three arrays again for every node.
    public func mapOutward(_ root: inout Node) {
        starts.withUnsafeBufferPointer { starts in
            ends.withUnsafeBufferPointer { ends in
                root.mapRanges { SourceMap.outerRange(of: $0, starts: starts, ends: ends, endOfString: endOfString) }
            }
        }
    }

    private static func outerRange(
        of range: ByteRange, starts: UnsafeBufferPointer<Int>, ends: UnsafeBufferPointer<Int>, endOfString: Int
    ) -> ByteRange {
        guard !starts.isEmpty else { return ByteRange.point(endOfString) }
        let start = range.start >= 0 && range.start < starts.count ? starts[range.start] : endOfString
        let end = range.end > range.start && range.end - 1 < ends.count ? ends[range.end - 1] : start
        return ByteRange(start: start, end: end)
    }

    public static func decode(node: Node, style: ScalarStyle, in file: SourceFile) -> SourceMap? {
        let source = file.bytes
        let range = node.range
        guard range.start >= 0, range.end <= source.count, range.start < range.end else { return nil }
        switch style {
        case .doubleQuoted: return decodeDoubleQuoted(source, range)
        case .singleQuoted: return decodeSingleQuoted(source, range)
        case .plain: return decodePlain(source, range)
        case .literal: return decodeLiteralBlock(source, range)
        case .folded: return nil
        }
    }

    /// JSON-style escapes; YAML double-quoted strings with line folding fail the caller's
    /// equality check and fall back to approximate ranges.
    static func decodeDoubleQuoted(_ source: [UInt8], _ range: ByteRange) -> SourceMap? {
        var map = SourceMap(endOfString: range.end, expectedCount: range.length)
        var index = range.start + 1
        let end = range.end - 1
        while index < end {
            if source[index] != UInt8(ascii: "\\") {
                let runStart = index
                while index < end && source[index] != UInt8(ascii: "\\") { index += 1 }
                map.appendVerbatim(source, from: runStart, to: index)
                continue
            }
            guard index + 1 < end else { return nil }
            let escape = source[index + 1]
            let simple: UInt8?
            switch escape {
            case UInt8(ascii: "\""): simple = 0x22
            case UInt8(ascii: "\\"): simple = 0x5C
            case UInt8(ascii: "/"): simple = 0x2F
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            default: simple = nil
            }
            if let simple {
                map.append(simple, from: index, to: index + 2)
                index += 2
                continue
            }
            guard escape == UInt8(ascii: "u"), index + 6 <= end,
                let high = UInt32(String(decoding: source[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16)
            else { return nil }
            var scalarValue = high
            var length = 6
            if high >= 0xD800 && high <= 0xDBFF, index + 12 <= end, source[index + 6] == UInt8(ascii: "\\"),
                let low = UInt32(String(decoding: source[(index + 8)..<(index + 12)], as: UTF8.self), radix: 16),
                low >= 0xDC00 && low <= 0xDFFF
            {
                scalarValue = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                length = 12
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
            for byte in String(Character(scalar)).utf8 {
                map.append(byte, from: index, to: index + length)
            }
            index += length
        }
        return map
    }

    static func decodeSingleQuoted(_ source: [UInt8], _ range: ByteRange) -> SourceMap? {
        var map = SourceMap(endOfString: range.end, expectedCount: range.length)
        var index = range.start + 1
        let end = range.end - 1
        while index < end {
            if source[index] == UInt8(ascii: "'") && index + 1 < end && source[index + 1] == UInt8(ascii: "'") {
                map.append(0x27, from: index, to: index + 2)
                index += 2
            } else {
                map.append(source[index], from: index, to: index + 1)
                index += 1
            }
        }
        return map
    }

    static func decodePlain(_ source: [UInt8], _ range: ByteRange) -> SourceMap? {
        var map = SourceMap(endOfString: range.end, expectedCount: range.length)
        map.appendVerbatim(source, from: range.start, to: range.end)
        return map
    }

    /// A `|` block scalar: content lines with their indentation removed, joined by line feeds.
    static func decodeLiteralBlock(_ source: [UInt8], _ range: ByteRange) -> SourceMap? {
        var map = SourceMap(endOfString: range.end, expectedCount: range.length)
        var index = range.start
        while index < range.end && source[index] != 0x0A && source[index] != 0x0D { index += 1 }
        guard index < range.end else { return map }
        index = skipLineBreak(source, index)
        var indent: Int?
        var pendingBreaks: [(Int, Int)] = []
        while index < range.end {
            let lineStart = index
            var lineEnd = index
            while lineEnd < source.count && source[lineEnd] != 0x0A && source[lineEnd] != 0x0D { lineEnd += 1 }
            var spaces = 0
            while lineStart + spaces < lineEnd && source[lineStart + spaces] == 0x20 { spaces += 1 }
            let isBlank = lineStart + spaces == lineEnd
            if !isBlank && indent == nil { indent = spaces }
            let contentStart = lineStart + min(spaces, indent ?? spaces)
            if !isBlank || (indent != nil && spaces > (indent ?? 0)) {
                for (breakStart, breakEnd) in pendingBreaks { map.append(0x0A, from: breakStart, to: breakEnd) }
                pendingBreaks.removeAll()
                map.appendVerbatim(source, from: contentStart, to: min(lineEnd, range.end))
            }
            let next = skipLineBreak(source, lineEnd)
            pendingBreaks.append((lineEnd, next))
            if next == lineEnd { break }
            index = next
        }
        // Chomping only changes trailing line feeds, which JSON ignores; keep one for clip.
        if let first = pendingBreaks.first { map.append(0x0A, from: first.0, to: first.1) }
        return map
    }

    static func skipLineBreak(_ source: [UInt8], _ index: Int) -> Int {
        guard index < source.count else { return index }
        if source[index] == 0x0D {
            return index + 1 < source.count && source[index + 1] == 0x0A ? index + 2 : index + 1
        }
        return source[index] == 0x0A ? index + 1 : index
    }
}
