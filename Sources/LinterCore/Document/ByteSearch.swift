#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search and trimming on UTF-8 bytes.
///
/// Searching and trimming by Characters (or through Foundation's `NSString` bridge, which the
/// shipped sources do not link) costs thousands of instructions a call, and rules search every
/// field of every container of a 10,000-file project. A byte search is exact for these uses:
/// UTF-8 is self-synchronising, so a needle's bytes can only match at a character boundary, and
/// no caller asks for case or canonical-equivalence folding.
public enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    public static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0
    ) -> Int? {
        guard let first = needle.first else { return start <= haystack.count ? start : nil }
        guard let base = haystack.baseAddress, start >= 0, haystack.count - start >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var index = start
        // memchr finds candidates for the first byte; only those are compared in full.
        while index <= last, let found = memchr(base + index, Int32(first), last - index + 1) {
            let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var offset = 1
            while offset < needle.count && haystack[position + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return position }
            index = position + 1
        }
        return nil
    }

    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// The UTF-8 offset of the first occurrence of `needle` in `text` at or after `start`.
    public static func firstOffset(of needle: String, in text: String, from start: Int = 0) -> Int? {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in needle.withUTF8 { firstOffset(of: $0, in: haystack, from: start) } }
    }

    /// Whether `text` contains `needle`, compared byte for byte.
    public static func contains(_ text: String, _ needle: String) -> Bool {
        firstOffset(of: needle, in: text) != nil
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, cutting bytes instead of scalars when
    /// what remains after cutting ASCII spaces, tabs and line breaks starts and ends with printable
    /// ASCII.
    public var trimmingWhitespaceAndNewlines: String {
        trimmingASCII(where: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }) ?? trimming(.whitespacesAndNewlines)
    }

    /// `trimmingCharacters(in: .whitespaces)`, with the same ASCII shortcut for spaces and tabs.
    /// A comment's text, for one, starts with a space, and is trimmed on every comment of a file.
    public var trimmingWhitespace: String {
        trimmingASCII(where: { $0 == 0x20 || $0 == 0x09 }) ?? trimming(.whitespaces)
    }

    /// The text with bytes matching `isTrimmed` cut from both ends, or nil when the ends left are
    /// not printable ASCII (another Unicode space might remain, which `trimming(_:)` judges).
    private func trimmingASCII(where isTrimmed: (UInt8) -> Bool) -> String? {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end && isTrimmed(bytes[start]) { start = bytes.index(after: start) }
        while start < end && isTrimmed(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start == end { return "" }
        guard (0x21...0x7E).contains(bytes[start]), (0x21...0x7E).contains(bytes[bytes.index(before: end)]) else {
            return nil
        }
        if start == bytes.startIndex && end == bytes.endIndex { return self }
        return String(self[start..<end])
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `firstIndex(of:)` for an ASCII character, searched on the UTF-8 bytes: comparing
    /// Characters segments graphemes, some 5,000 instructions for a short string, and the model
    /// splits every `GetAtt` and `Sub` name this way. A byte that a combining mark follows is part
    /// of another Character, so it is skipped, as the Character comparison skips it.
    func firstIndex(ofASCII character: Unicode.Scalar) -> Index? {
        let byte = UInt8(ascii: character)
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == byte, self[index...].first == Character(character) { return index }
            index = utf8.index(after: index)
        }
        return nil
    }

    /// `lastIndex(of:)` for an ASCII character, searched on the UTF-8 bytes, as `firstIndex(ofASCII:)`.
    func lastIndex(ofASCII character: Unicode.Scalar) -> Index? {
        let byte = UInt8(ascii: character)
        var index = utf8.endIndex
        while index > utf8.startIndex {
            index = utf8.index(before: index)
            if utf8[index] == byte, self[index...].first == Character(character) { return index }
        }
        return nil
    }
}

/// Tests on the eight bytes of a little-endian word at once (first byte lowest). Each returns the
/// high bit of every byte that passes, exactly: a byte's low seven bits plus at most 0x7F never
/// carry into the next byte.
public enum WordBytes {
    @inlinable public static var ones: UInt64 { 0x0101_0101_0101_0101 }
    @inlinable public static var highs: UInt64 { 0x8080_8080_8080_8080 }
    @inlinable public static var lows: UInt64 { 0x7F7F_7F7F_7F7F_7F7F }

    /// The bytes equal to `byte`, an ASCII byte.
    @inlinable @inline(__always)
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return ~(((difference & lows) &+ lows) | difference) & highs
    }

    /// The ASCII bytes below `bound` (at most 0x80); says nothing of non-ASCII bytes.
    @inlinable @inline(__always)
    public static func asciiBelow(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        ~((word & lows) &+ ones &* UInt64(0x80 - bound)) & highs
    }

    /// The non-ASCII bytes.
    @inlinable @inline(__always)
    public static func nonASCII(_ word: UInt64) -> UInt64 { word & highs }

    /// The non-ASCII bytes and DEL (0x7F): of the low seven bits, only DEL's plus one reach the
    /// high bit.
    @inlinable @inline(__always)
    public static func nonASCIIOrDelete(_ word: UInt64) -> UInt64 { (word | ((word & lows) &+ ones)) & highs }
}

extension ByteSearch {
    /// The high bit of each of the eight bytes of `word` (first byte lowest) that is `quote`, a
    /// backslash, a control character (line breaks and tabs included) or not ASCII: the bytes at
    /// which a scan of a quoted string must stop and look. Only the lowest flag is exact: a borrow
    /// can also flag a later byte, which the scans then look at byte by byte anyway.
    @inline(__always)
    static func quotedStringAttention(_ word: UInt64, quote: UInt8) -> UInt64 {
        let ones = WordBytes.ones
        let highs = WordBytes.highs
        let quotes = word ^ (ones &* UInt64(quote))
        let backslashes = word ^ (ones &* 0x5C)
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = (word &- ones &* 0x20) & ~word
        return ((hasQuote | hasBackslash | hasControl) & highs) | (word & highs)
    }
}
