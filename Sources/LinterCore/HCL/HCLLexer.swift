#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits HCL native syntax into tokens, byte by byte, recording comments as it passes them.
///
/// The input has been checked to be valid UTF-8 before (`HCLLexer.validateEncoding`), so a
/// non-ASCII byte always starts a whole scalar. A line comment ends the line it is on, so it is
/// returned as the newline token that ends it.
struct HCLLexer {
    let buffer: UnsafeBufferPointer<UInt8>
    /// The offset the lexer stops at (the input may be a part of a larger file).
    let end: Int
    var index: Int
    var comments: [Comment] = []

    init(buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.buffer = buffer
        self.index = start
        self.end = end
    }

    @inline(__always)
    func byte(at offset: Int) -> UInt8 {
        offset < end && offset >= 0 ? buffer[offset] : 0
    }

    /// ASCII letters and `_`, as a bit set over bytes 64...127.
    static let identifierStartHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE
    /// Digits and `-`, as a bit set over bytes 0...63 (identifier characters below 64).
    static let identifierContinueLow: UInt64 = 0x03FF_2000_0000_0000

    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        byte >= 64 && byte < 128 && (identifierStartHigh >> UInt64(byte - 64)) & 1 != 0
    }

    @inline(__always)
    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        byte < 64 ? (identifierContinueLow >> UInt64(byte)) & 1 != 0 : isIdentifierStart(byte)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The scalar starting at `offset` (a valid UTF-8 lead byte) and its length.
    func scalar(at offset: Int) -> (Unicode.Scalar, Int)? {
        let lead = byte(at: offset)
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC0...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF7: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard offset + length <= end else { return nil }
        for position in (offset + 1)..<(offset + length) { value = value << 6 | UInt32(buffer[position] & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// The length of the identifier character at `offset` (ASCII or a Unicode ID character), or 0.
    func identifierCharacterLength(at offset: Int, first: Bool) -> Int {
        let byte = byte(at: offset)
        if byte < 0x80 {
            guard offset < end else { return 0 }
            return (first ? HCLLexer.isIdentifierStart(byte) : HCLLexer.isIdentifierContinue(byte)) ? 1 : 0
        }
        guard let (scalar, length) = scalar(at: offset) else { return 0 }
        return (first ? scalar.properties.isIDStart : scalar.properties.isIDContinue) ? length : 0
    }

    /// The end of the identifier starting at `offset`, which is an identifier start.
    func identifierEnd(from offset: Int) -> Int {
        var position = offset
        while position < end {
            let byte = buffer[position]
            if byte < 0x80 {
                if HCLLexer.isIdentifierContinue(byte) { position += 1 } else { break }
            } else {
                let length = identifierCharacterLength(at: position, first: false)
                if length == 0 { break }
                position += length
            }
        }
        return position
    }

    func text(_ range: ByteRange) -> String {
        let start = max(0, min(range.start, end))
        let stop = max(start, min(range.end, end))
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<stop]), as: UTF8.self)
    }

    /// Whether the bytes at `offset` spell `text`.
    func matches(_ text: StaticString, at offset: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset >= 0, offset + count <= end else { return false }
        let pointer = text.utf8Start
        for position in 0..<count where buffer[offset + position] != pointer[position] { return false }
        return true
    }

    func describe(at offset: Int) -> String {
        guard offset < end else { return "end of file" }
        let byte = buffer[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        switch byte {
        case 0x20: return "a space"
        case 0x0A, 0x0D: return "a line break"
        case 0x09: return "a tab"
        default:
            if let (scalar, _) = scalar(at: offset) { return "'\(Character(scalar))'" }
            return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }

    /// Skips spaces, tabs, carriage returns and block comments.
    mutating func skipSpace() throws(ParseError) {
        while index < end {
            let byte = buffer[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "/") && self.byte(at: index + 1) == UInt8(ascii: "*") {
                let start = index
                var position = index + 2
                while position + 1 < end && !(buffer[position] == UInt8(ascii: "*") && buffer[position + 1] == UInt8(ascii: "/")) {
                    position += 1
                }
                guard position + 1 < end else {
                    throw ParseError("unterminated comment: '/*' without '*/'", at: start, length: 2)
                }
                comments.append(Comment(range: ByteRange(start: start, end: position + 2), text: text(ByteRange(start: start + 2, end: position))))
                index = position + 2
            } else {
                return
            }
        }
    }

    mutating func next() throws(ParseError) -> HCLToken {
        try skipSpace()
        let start = index
        guard index < end else { return HCLToken(kind: .endOfFile, range: .point(end)) }
        let byte = buffer[index]
        func token(_ kind: HCLToken.Kind, _ length: Int) -> HCLToken {
            index = start + length
            return HCLToken(kind: kind, range: ByteRange(start: start, end: start + length))
        }
        switch byte {
        case 0x0A: return token(.newline, 1)
        case UInt8(ascii: "#"): return lineComment(markerLength: 1)
        case UInt8(ascii: "/"):
            if self.byte(at: index + 1) == UInt8(ascii: "/") { return lineComment(markerLength: 2) }
            return token(.slash, 1)
        case UInt8(ascii: "\""): return token(.quote, 1)
        case UInt8(ascii: "{"): return token(.openBrace, 1)
        case UInt8(ascii: "}"): return token(.closeBrace, 1)
        case UInt8(ascii: "["): return token(.openBracket, 1)
        case UInt8(ascii: "]"): return token(.closeBracket, 1)
        case UInt8(ascii: "("): return token(.openParen, 1)
        case UInt8(ascii: ")"): return token(.closeParen, 1)
        case UInt8(ascii: ","): return token(.comma, 1)
        case UInt8(ascii: "."):
            return matches("...", at: index) ? token(.ellipsis, 3) : token(.dot, 1)
        case UInt8(ascii: ":"):
            return self.byte(at: index + 1) == UInt8(ascii: ":") ? token(.doubleColon, 2) : token(.colon, 1)
        case UInt8(ascii: "?"): return token(.question, 1)
        case UInt8(ascii: "~"): return token(.tilde, 1)
        case UInt8(ascii: "+"): return token(.plus, 1)
        case UInt8(ascii: "-"): return token(.minus, 1)
        case UInt8(ascii: "*"): return token(.star, 1)
        case UInt8(ascii: "%"): return token(.percent, 1)
        case UInt8(ascii: "="):
            switch self.byte(at: index + 1) {
            case UInt8(ascii: "="): return token(.equal, 2)
            case UInt8(ascii: ">"): return token(.fatArrow, 2)
            default: return token(.equals, 1)
            }
        case UInt8(ascii: "!"):
            return self.byte(at: index + 1) == UInt8(ascii: "=") ? token(.notEqual, 2) : token(.bang, 1)
        case UInt8(ascii: "<"):
            if self.byte(at: index + 1) == UInt8(ascii: "<") { return try heredocStart() }
            return self.byte(at: index + 1) == UInt8(ascii: "=") ? token(.lessOrEqual, 2) : token(.less, 1)
        case UInt8(ascii: ">"):
            return self.byte(at: index + 1) == UInt8(ascii: "=") ? token(.greaterOrEqual, 2) : token(.greater, 1)
        case UInt8(ascii: "&"):
            guard self.byte(at: index + 1) == UInt8(ascii: "&") else { break }
            return token(.and, 2)
        case UInt8(ascii: "|"):
            guard self.byte(at: index + 1) == UInt8(ascii: "|") else { break }
            return token(.or, 2)
        default:
            if HCLLexer.isDigit(byte) { return token(.number, numberLength(from: index)) }
            if identifierCharacterLength(at: index, first: true) > 0 {
                return token(.identifier, identifierEnd(from: index) - start)
            }
        }
        throw ParseError("unexpected character \(describe(at: index))", at: index, length: max(1, scalar(at: index)?.1 ?? 1))
    }

    /// `[0-9]+ ("." [0-9]+)? ([eE] [+-]? [0-9]+)?`; a dot not followed by a digit is not part of it.
    func numberLength(from start: Int) -> Int {
        var position = start
        while HCLLexer.isDigit(byte(at: position)) { position += 1 }
        if byte(at: position) == UInt8(ascii: "."), HCLLexer.isDigit(byte(at: position + 1)) {
            position += 1
            while HCLLexer.isDigit(byte(at: position)) { position += 1 }
        }
        let exponent = byte(at: position)
        if exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
            var digits = position + 1
            let sign = byte(at: digits)
            if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digits += 1 }
            if HCLLexer.isDigit(byte(at: digits)) {
                position = digits
                while HCLLexer.isDigit(byte(at: position)) { position += 1 }
            }
        }
        return position - start
    }

    /// Records a `#` or `//` comment and returns the newline that ends it (end of file at the end).
    mutating func lineComment(markerLength: Int) -> HCLToken {
        let start = index
        var position = index + markerLength
        if let base = buffer.baseAddress, position < end, let found = memchr(base + position, 0x0A, end - position) {
            position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        } else {
            position = end
        }
        var textEnd = position
        if textEnd > start + markerLength && buffer[textEnd - 1] == 0x0D { textEnd -= 1 }
        comments.append(Comment(range: ByteRange(start: start, end: textEnd), text: text(ByteRange(start: start + markerLength, end: textEnd))))
        if position < end {
            index = position + 1
            return HCLToken(kind: .newline, range: ByteRange(start: position, end: position + 1))
        }
        index = end
        return HCLToken(kind: .endOfFile, range: .point(end))
    }

    /// `<<MARKER` or `<<-MARKER` followed by a line break; the token covers them all.
    mutating func heredocStart() throws(ParseError) -> HCLToken {
        let start = index
        var position = index + 2
        if byte(at: position) == UInt8(ascii: "-") { position += 1 }
        guard identifierCharacterLength(at: position, first: true) > 0 else {
            throw ParseError("expected a heredoc marker (an identifier) after '<<'", at: start, length: position - start)
        }
        position = identifierEnd(from: position)
        if byte(at: position) == 0x0D && byte(at: position + 1) == 0x0A { position += 1 }
        guard byte(at: position) == 0x0A, position < end else {
            throw ParseError("a heredoc marker must be followed by a line break", at: start, length: position - start)
        }
        index = position + 1
        return HCLToken(kind: .heredoc, range: ByteRange(start: start, end: index))
    }

    /// Rejects UTF-16 input and invalid UTF-8, so the lexer can read every non-ASCII byte as the
    /// start of a whole scalar.
    static func validateEncoding(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) throws(ParseError) {
        if end - start >= 2 && ((buffer[start] == 0xFF && buffer[start + 1] == 0xFE) || (buffer[start] == 0xFE && buffer[start + 1] == 0xFF)) {
            throw ParseError("unsupported encoding: UTF-16 (save the file as UTF-8)", at: start, length: 2)
        }
        guard let base = buffer.baseAddress else { return }
        var index = start
        while index < end {
            if index + 8 <= end, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & WordBytes.highs == 0 {
                index += 8
                continue
            }
            if buffer[index] < 0x80 {
                index += 1
            } else {
                index += try JSONCursor.validUTF8SequenceLength(UnsafeBufferPointer(rebasing: buffer[..<end]), at: index)
            }
        }
    }
}
