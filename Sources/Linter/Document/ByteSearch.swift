import Foundation

/// Substring search and trimming on UTF-8 bytes.
///
/// Foundation's `String.contains(_:)`, `range(of:)` and `trimmingCharacters(in:)` bridge through
/// `NSString` and cost thousands of instructions a call; rules run them on every field of every
/// container of a 10,000-file project. A byte search is exact for these uses: UTF-8 is
/// self-synchronising, so a needle's bytes can only match at a character boundary, and no
/// caller asks for case or canonical-equivalence folding.
public enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    public static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0
    ) -> Int? {
        guard let first = needle.first, start >= 0, haystack.count - start >= needle.count else {
            return needle.isEmpty && start <= haystack.count ? start : nil
        }
        let last = haystack.count - needle.count
        var index = start
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Whether `text` contains `needle`, compared byte for byte.
    public static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in needle.withUTF8 { contains(haystack, $0) } }
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, skipping Foundation when both ends are
    /// printable ASCII (the common case), where there is nothing to trim.
    public var trimmingWhitespaceAndNewlines: String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `trimmingCharacters(in: .whitespaces)`, with the same printable-ASCII shortcut.
    public var trimmingWhitespace: String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return trimmingCharacters(in: .whitespaces)
    }
}
