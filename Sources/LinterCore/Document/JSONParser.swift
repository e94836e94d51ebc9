/// A strict RFC 8259 JSON parser over UTF-8 bytes that keeps the byte range of every node.
public struct JSONParser {
    public let limits: ParseLimits

    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    /// Parses a whole file holding one JSON value (a UTF-8 byte order mark is allowed). `keys`
    /// lends the object keys of files parsed before on this thread (see `KeyTable`).
    public func parse(_ bytes: [UInt8], keys: KeyTable? = nil) throws(ParseError) -> Node {
        try bytes.withUnsafeBufferPointer { buffer throws(ParseError) -> Node in
            var cursor = JSONCursor(buffer: buffer, limits: limits, keys: keys)
            return try cursor.parseDocument()
        }
    }

    public func parse(_ text: String) throws(ParseError) -> Node {
        try parse(Array(text.utf8))
    }
}

struct JSONCursor {
    let buffer: UnsafeBufferPointer<UInt8>
    let limits: ParseLimits
    let keys: KeyTable?
    var index = 0
    var depth = 0
    /// Members of the objects and arrays being built (see `ScratchStack`).
    let entryStack = ScratchStack<Entry>()
    let elementStack = ScratchStack<Node>()

    init(buffer: UnsafeBufferPointer<UInt8>, limits: ParseLimits, keys: KeyTable? = nil) {
        self.buffer = buffer
        self.limits = limits
        self.keys = keys
    }

    mutating func parseDocument() throws(ParseError) -> Node {
        if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            index = 3
        } else if buffer.count >= 2
            && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))
        {
            throw ParseError("unsupported encoding: UTF-16 (save the file as UTF-8)", at: 0, length: 2)
        }
        skipWhitespace()
        guard index < buffer.count else {
            throw ParseError("expected a JSON value, found end of file", at: index)
        }
        let value = try parseValue()
        skipWhitespace()
        if index < buffer.count {
            throw ParseError(
                "expected end of file after the JSON value, found \(describe(at: index))", at: index, length: 1)
        }
        return value
    }

    mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    func describe(at offset: Int) -> String {
        guard offset < buffer.count else { return "end of file" }
        let byte = buffer[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        switch byte {
        case 0x20: return "a space"
        case 0x0A, 0x0D: return "a line break"
        case 0x09: return "a tab"
        case 0x00: return "a NUL byte"
        default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }

    mutating func parseValue() throws(ParseError) -> Node {
        guard index < buffer.count else {
            throw ParseError("expected a JSON value, found end of file", at: index)
        }
        let start = index
        switch buffer[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""):
            let text = try parseString()
            return Node(.string(text, .doubleQuoted), range: ByteRange(start: start, end: index))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return Node(.bool(true), range: ByteRange(start: start, end: index))
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return Node(.bool(false), range: ByteRange(start: start, end: index))
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return Node(.null, range: ByteRange(start: start, end: index))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw ParseError("expected a JSON value, found \(describe(at: index))", at: index, length: 1)
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(ParseError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        let pointer = literal.utf8Start
        for offset in 0..<count {
            guard index < buffer.count, buffer[index] == pointer[offset] else {
                throw ParseError(
                    "invalid literal: expected '\(literal)', found \(describe(at: index))", at: start,
                    length: max(1, index - start))
            }
            index += 1
        }
    }

    mutating func enterNesting(at offset: Int) throws(ParseError) {
        depth += 1
        if depth > limits.maxDepth {
            throw ParseError("nesting is deeper than the limit of \(limits.maxDepth) levels", at: offset, length: 1)
        }
    }

    mutating func parseObject() throws(ParseError) -> Node {
        let start = index
        try enterNesting(at: start)
        index += 1
        let base = entryStack.count
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return Node(.object([]), range: ByteRange(start: start, end: index))
        }
        while true {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else {
                throw ParseError(
                    "expected a string key in object, found \(describe(at: index))", at: index,
                    length: index < buffer.count ? 1 : 0)
            }
            let keyStart = index
            let keyText = try parseString(isKey: true)
            let key = Node(.string(keyText, .doubleQuoted), range: ByteRange(start: keyStart, end: index))
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else {
                throw ParseError(
                    "expected ':' after object key, found \(describe(at: index))", at: index,
                    length: index < buffer.count ? 1 : 0)
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            // `consume` ends the bindings here, so the entry takes them instead of copying them
            // (a retain now and a release at the end of the scope, for every member).
            entryStack.push(Entry(key: consume key, value: consume value))
            skipWhitespace()
            guard index < buffer.count else {
                throw ParseError("expected ',' or '}' in object, found end of file", at: index)
            }
            if buffer[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if buffer[index] == UInt8(ascii: "}") {
                index += 1
                break
            }
            throw ParseError("expected ',' or '}' in object, found \(describe(at: index))", at: index, length: 1)
        }
        depth -= 1
        return Node(.object(entryStack.pop(from: base)), range: ByteRange(start: start, end: index))
    }

    mutating func parseArray() throws(ParseError) -> Node {
        let start = index
        try enterNesting(at: start)
        index += 1
        let base = elementStack.count
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return Node(.array([]), range: ByteRange(start: start, end: index))
        }
        while true {
            skipWhitespace()
            elementStack.push(try parseValue())
            skipWhitespace()
            guard index < buffer.count else {
                throw ParseError("expected ',' or ']' in array, found end of file", at: index)
            }
            if buffer[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if buffer[index] == UInt8(ascii: "]") {
                index += 1
                break
            }
            throw ParseError("expected ',' or ']' in array, found \(describe(at: index))", at: index, length: 1)
        }
        depth -= 1
        return Node(.array(elementStack.pop(from: base)), range: ByteRange(start: start, end: index))
    }

    mutating func parseNumber() throws(ParseError) -> Node {
        let start = index
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        guard index < buffer.count, isDigit(buffer[index]) else {
            throw ParseError("invalid number: expected a digit, found \(describe(at: index))", at: start,
                length: max(1, index - start))
        }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
            if index < buffer.count && isDigit(buffer[index]) {
                throw ParseError("invalid number: leading zeros are not allowed", at: start, length: index - start + 1)
            }
        } else {
            while index < buffer.count && isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count && buffer[index] == UInt8(ascii: ".") {
            index += 1
            guard index < buffer.count, isDigit(buffer[index]) else {
                throw ParseError("invalid number: expected a digit after '.', found \(describe(at: index))",
                    at: start, length: max(1, index - start))
            }
            while index < buffer.count && isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count && (buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E")) {
            index += 1
            if index < buffer.count && (buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard index < buffer.count, isDigit(buffer[index]) else {
                throw ParseError("invalid number: expected a digit in the exponent, found \(describe(at: index))",
                    at: start, length: max(1, index - start))
            }
            while index < buffer.count && isDigit(buffer[index]) { index += 1 }
        }
        let lexeme = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        return Node(.number(lexeme), range: ByteRange(start: start, end: index))
    }

    @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Parses a string starting at the opening quote; leaves `index` after the closing quote.
    mutating func parseString(isKey: Bool = false) throws(ParseError) -> String {
        let open = index
        index += 1
        let contentStart = index
        let count = buffer.count
        let base = buffer.baseAddress!  // not empty: it holds the opening quote
        // Fast path: no escapes, so the bytes can be validated and decoded in one go.
        scan: while true {
            // Eight plain ASCII bytes at a time. In a word holding anything else, the first such
            // byte (usually the closing quote) is found from the word's flags, and the bytes are
            // taken one by one from there.
            while index &+ 8 <= count {
                let flags = ByteSearch.quotedStringAttention(
                    UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)), quote: 0x22)
                if flags != 0 {
                    index &+= flags.trailingZeroBitCount >> 3
                    break
                }
                index &+= 8
            }
            if index >= count { break }
            let stop = min(index + 8, count)
            while index < stop {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") {
                    let length = index - contentStart
                    if length > limits.maxStringLength {
                        throw ParseError("string is longer than the limit of \(limits.maxStringLength) bytes", at: open, length: 1)
                    }
                    index += 1
                    if isKey, let keys { return keys.text(at: contentStart, length: length, in: buffer) }
                    return String(decoding: UnsafeBufferPointer(start: base + contentStart, count: length), as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") { break scan }
                if byte < 0x20 {
                    throw ParseError(controlCharacterMessage(byte), at: index, length: 1)
                }
                if byte < 0x80 {
                    index += 1
                } else {
                    try skipUTF8Sequence()
                }
            }
        }
        guard index < buffer.count else {
            throw ParseError("unterminated string: expected '\"' before end of file", at: open, length: 1)
        }
        var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: buffer[contentStart..<index]))
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return try checkedLength(String(decoding: scalars, as: UTF8.self), at: open)
            }
            if byte == UInt8(ascii: "\\") {
                try appendEscape(into: &scalars)
                continue
            }
            if byte < 0x20 {
                throw ParseError(controlCharacterMessage(byte), at: index, length: 1)
            }
            if byte < 0x80 {
                scalars.append(byte)
                index += 1
            } else {
                let sequenceStart = index
                try skipUTF8Sequence()
                scalars.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[sequenceStart..<index]))
            }
        }
        throw ParseError("unterminated string: expected '\"' before end of file", at: open, length: 1)
    }

    func checkedLength(_ text: String, at offset: Int) throws(ParseError) -> String {
        if text.utf8.count > limits.maxStringLength {
            throw ParseError("string is longer than the limit of \(limits.maxStringLength) bytes", at: offset, length: 1)
        }
        return text
    }

    func controlCharacterMessage(_ byte: UInt8) -> String {
        switch byte {
        case 0x0A, 0x0D: return "unterminated string: line breaks must be escaped as \\n inside strings"
        case 0x09: return "invalid character in string: tabs must be escaped as \\t"
        default: return "invalid control character U+00\(byte < 16 ? "0" : "")\(String(byte, radix: 16, uppercase: true)) in string: escape it"
        }
    }

    /// Validates one multi-byte UTF-8 sequence at `index` and advances past it.
    mutating func skipUTF8Sequence() throws(ParseError) {
        let length = try JSONCursor.validUTF8SequenceLength(buffer, at: index)
        index += length
    }

    static func validUTF8SequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) throws(ParseError) -> Int {
        let lead = buffer[index]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F  // excludes encoded surrogates
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default:
            throw ParseError("invalid UTF-8: byte 0x\(String(lead, radix: 16, uppercase: true)) at byte offset \(index)",
                at: index, length: 1)
        }
        guard index + length <= buffer.count else {
            throw ParseError("invalid UTF-8: truncated sequence at byte offset \(index)", at: index, length: 1)
        }
        for offset in 1..<length {
            let byte = buffer[index + offset]
            let low = offset == 1 ? lowerBound : 0x80
            let high = offset == 1 ? upperBound : 0xBF
            guard byte >= low && byte <= high else {
                throw ParseError("invalid UTF-8: malformed sequence at byte offset \(index)", at: index, length: 1)
            }
        }
        return length
    }

    mutating func appendEscape(into output: inout [UInt8]) throws(ParseError) {
        let escapeStart = index
        index += 1
        guard index < buffer.count else {
            throw ParseError("unterminated escape sequence in string", at: escapeStart, length: 1)
        }
        let byte = buffer[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): output.append(0x22)
        case UInt8(ascii: "\\"): output.append(0x5C)
        case UInt8(ascii: "/"): output.append(0x2F)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            let first = try readHex4(escapeStart: escapeStart)
            var scalarValue = first
            if first >= 0xD800 && first <= 0xDBFF {
                guard index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"),
                    buffer[index + 1] == UInt8(ascii: "u")
                else {
                    throw ParseError("lone surrogate \\u\(hex4(first)) in string: a high surrogate must be followed by a low surrogate",
                        at: escapeStart, length: 6)
                }
                let secondStart = index
                index += 2
                let second = try readHex4(escapeStart: secondStart)
                guard second >= 0xDC00 && second <= 0xDFFF else {
                    throw ParseError("lone surrogate \\u\(hex4(first)) in string: \\u\(hex4(second)) is not a low surrogate",
                        at: escapeStart, length: 12)
                }
                scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            } else if first >= 0xDC00 && first <= 0xDFFF {
                throw ParseError("lone surrogate \\u\(hex4(first)) in string: a low surrogate must follow a high surrogate",
                    at: escapeStart, length: 6)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                throw ParseError("invalid Unicode escape in string", at: escapeStart, length: 6)
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw ParseError("invalid escape sequence '\\\(describeEscape(byte))' in string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                at: escapeStart, length: 2)
        }
    }

    func describeEscape(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "0x" + String(byte, radix: 16)
    }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    mutating func readHex4(escapeStart: Int) throws(ParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < buffer.count else {
                throw ParseError("invalid \\u escape: expected 4 hex digits", at: escapeStart, length: 2)
            }
            let byte = buffer[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default:
                throw ParseError("invalid \\u escape: expected 4 hex digits", at: escapeStart, length: index - escapeStart + 1)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
