import LinterCore

/// What an edit needs to know about the text around it: where lines start and end, how they
/// break (LF or CRLF) and how they are indented, read from the bytes themselves.
struct TextLayout {
    let bytes: [UInt8]

    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// After a UTF-8 byte order mark, where the first line's text starts.
    var textStart: Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    func isLineBreak(_ byte: UInt8) -> Bool { byte == TextLayout.lineFeed || byte == TextLayout.carriageReturn }

    func isBlank(_ byte: UInt8) -> Bool { byte == TextLayout.space || byte == TextLayout.tab }

    /// The offset at which the line holding `offset` starts.
    func lineStart(of offset: Int) -> Int {
        var index = min(max(offset, 0), bytes.count)
        while index > 0 && !isLineBreak(bytes[index - 1]) { index -= 1 }
        return max(index, index == 0 ? textStart : index)
    }

    /// The offset of the line break ending the line holding `offset` (the file's end on the
    /// last line).
    func lineEnd(of offset: Int) -> Int {
        var index = min(max(offset, 0), bytes.count)
        while index < bytes.count && !isLineBreak(bytes[index]) { index += 1 }
        return index
    }

    /// The offset after the line break ending the line holding `offset`; the file's end on a
    /// last line without one.
    func nextLineStart(after offset: Int) -> Int {
        var index = lineEnd(of: offset)
        if index < bytes.count && bytes[index] == TextLayout.carriageReturn { index += 1 }
        if index < bytes.count && bytes[index] == TextLayout.lineFeed { index += 1 }
        return index
    }

    /// Where the line break before the line starting at `lineStart` begins (LF, CR or CRLF).
    func lineBreakStart(before lineStart: Int) -> Int {
        var index = lineStart
        if index > 0 && bytes[index - 1] == TextLayout.lineFeed { index -= 1 }
        if index > 0 && bytes[index - 1] == TextLayout.carriageReturn { index -= 1 }
        return index
    }

    func sameLine(_ first: Int, _ second: Int) -> Bool {
        let (low, high) = (min(first, second), max(first, second))
        var index = max(low, 0)
        while index < min(high, bytes.count) {
            if isLineBreak(bytes[index]) { return false }
            index += 1
        }
        return true
    }

    /// The spaces and tabs that start the line holding `offset`.
    func indentation(ofLineAt offset: Int) -> String {
        let start = lineStart(of: offset)
        var end = start
        while end < bytes.count && isBlank(bytes[end]) { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Whether only spaces and tabs come before `offset` on its line.
    func startsLine(_ offset: Int) -> Bool {
        let start = lineStart(of: offset)
        return bytes[start..<min(offset, bytes.count)].allSatisfy(isBlank)
    }

    /// Whether nothing but blanks and perhaps a `#` comment follows `offset` on its line.
    func endsLine(_ offset: Int, commentsAllowed: Bool) -> Bool {
        var index = offset
        while index < bytes.count && isBlank(bytes[index]) { index += 1 }
        if index >= bytes.count || isLineBreak(bytes[index]) { return true }
        return commentsAllowed && bytes[index] == UInt8(ascii: "#")
    }

    /// The indentation that stands for `offset`'s column: the line's own blanks when only blanks
    /// come before it, else as many spaces as bytes (after `- ` or `{`, which are ASCII).
    func indentation(at offset: Int) -> String {
        let start = lineStart(of: offset)
        if startsLine(offset) { return String(decoding: bytes[start..<offset], as: UTF8.self) }
        let prefix = bytes[start..<offset]
        var text = ""
        for byte in prefix { text.append(byte == TextLayout.tab ? "\t" : " ") }
        return text
    }

    /// The line break of the line holding `offset`; the file's first one on a last line without
    /// one; LF in a one-line file.
    func newline(near offset: Int) -> String {
        let end = lineEnd(of: offset)
        if end < bytes.count { return lineBreak(at: end) }
        if let first = bytes.firstIndex(where: isLineBreak) { return lineBreak(at: first) }
        return "\n"
    }

    private func lineBreak(at index: Int) -> String {
        if bytes[index] == TextLayout.carriageReturn {
            return index + 1 < bytes.count && bytes[index + 1] == TextLayout.lineFeed ? "\r\n" : "\r"
        }
        return "\n"
    }

    /// The text of `range`.
    func text(_ start: Int, _ end: Int) -> String {
        let low = max(0, min(start, bytes.count))
        return String(decoding: bytes[low..<max(low, min(end, bytes.count))], as: UTF8.self)
    }

    /// One step of indentation as the text around `offset` writes it: a tab where lines are
    /// indented with tabs, else the smallest increase of indentation from one line to the next,
    /// else two spaces. Only the lines within a few kilobytes are read: a fix in a large template
    /// costs the same as one in a small file, and follows the style of the part it edits.
    func indentationStep(near offset: Int) -> String {
        let window = 8192
        var previous: Int?
        var smallest: Int?
        var usesTabs = false
        var index = lineStart(of: max(textStart, offset - window))
        let stop = min(bytes.count, offset + window)
        while index < stop {
            var end = index
            while end < bytes.count && isBlank(bytes[end]) { end += 1 }
            let isEmptyLine = end >= bytes.count || isLineBreak(bytes[end])
            if !isEmptyLine && bytes[end] != UInt8(ascii: "#") {
                if end > index && bytes[index] == TextLayout.tab { usesTabs = true }
                let width = end - index
                if let previous, width > previous { smallest = min(smallest ?? (width - previous), width - previous) }
                previous = width
            }
            let next = nextLineStart(after: end)
            if next == end { break }
            index = next
        }
        if usesTabs { return "\t" }
        return String(repeating: " ", count: smallest ?? 2)
    }
}
