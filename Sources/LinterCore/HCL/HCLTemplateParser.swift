#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Template text: quoted strings, heredocs and template files, scanned byte by byte between the
/// expressions of their `${…}` interpolations and `%{…}` directives.
///
/// Literal text is kept as runs cut at escapes (`HCLTemplateLiteral`), so every verbatim run maps
/// back to its bytes one to one. Strip markers (`~`) and the indentation of `<<-` heredocs are
/// applied here, by shortening or splitting runs, never by rewriting their text.
extension HCLCursor {
    enum TemplateMode {
        case quoted(openQuote: Int)
        case heredoc(marker: ByteRange, start: Int)
        case file
    }

    enum TemplateTerminator {
        case end
        case elseDirective(ByteRange)
        case endIf(ByteRange)
        case endFor(ByteRange)

        var range: ByteRange? {
            switch self {
            case .end: return nil
            case .elseDirective(let range), .endIf(let range), .endFor(let range): return range
            }
        }
    }

    struct TemplateState {
        let mode: TemplateMode
        /// A `~}` asked for the whitespace at the start of the next literal to be cut.
        var stripNextLeading = false
        /// The bytes scanned since the last literal run was cut, OR-ed: a run whose high bit
        /// stayed clear is ASCII and needs no normalisation.
        var scannedBits: UInt8 = 0
        var length = 0
    }

    mutating func parseQuotedTemplate(openQuote: Int) throws(ParseError) -> HCLTemplate {
        peeked = nil
        lexer.index = openQuote + 1
        var state = TemplateState(mode: .quoted(openQuote: openQuote))
        let (parts, terminator) = try parseTemplateSequence(&state)
        try requireEnd(terminator)
        return HCLTemplate(parts: parts)
    }

    mutating func parseTemplateFile() throws(ParseError) -> HCLTemplate {
        var state = TemplateState(mode: .file)
        let (parts, terminator) = try parseTemplateSequence(&state)
        try requireEnd(terminator)
        return HCLTemplate(parts: parts)
    }

    /// `<<EOT` … `EOT`; with `<<-`, the smallest indentation of the lines is removed from each.
    mutating func parseHeredoc(_ token: HCLToken) throws(ParseError) -> HCLExpression {
        var markerStart = token.range.start + 2
        let flush = lexer.byte(at: markerStart) == UInt8(ascii: "-")
        if flush { markerStart += 1 }
        let marker = ByteRange(start: markerStart, end: lexer.identifierEnd(from: markerStart))
        var state = TemplateState(mode: .heredoc(marker: marker, start: token.range.start))
        lexer.index = token.range.end
        let (parts, terminator) = try parseTemplateSequence(&state)
        try requireEnd(terminator)
        let template = HCLTemplate(parts: flush ? HCLHeredocIndentation.removeIndentation(parts) : parts)
        return HCLExpression(.template(template), range: ByteRange(start: token.range.start, end: lexer.index))
    }

    func requireEnd(_ terminator: TemplateTerminator) throws(ParseError) {
        if let range = terminator.range {
            throw ParseError("unexpected '\(lexer.text(range))' without the directive it closes", at: range.start, length: range.length)
        }
    }

    /// Parts up to the end of the template or a directive that ends a sequence (else, endif, endfor).
    mutating func parseTemplateSequence(_ state: inout TemplateState) throws(ParseError) -> ([HCLTemplatePart], TemplateTerminator) {
        var parts: [HCLTemplatePart] = []
        var runStart = lexer.index
        var atLineStart = true
        let end = lexer.end
        while true {
            if case .heredoc(let marker, _) = state.mode, atLineStart, let markerEnd = heredocEnd(at: lexer.index, marker: marker) {
                try flushRun(from: runStart, to: lexer.index, into: &parts, &state)
                lexer.index = markerEnd
                return (parts, .end)
            }
            atLineStart = false
            let index = lexer.index
            guard index < end else {
                switch state.mode {
                case .quoted(let openQuote):
                    throw ParseError("unterminated string: no closing '\"'", at: openQuote, length: 1)
                case .heredoc(let marker, let start):
                    throw ParseError("unterminated heredoc: no line with '\(lexer.text(marker))' closes it", at: start, length: marker.end - start)
                case .file:
                    try flushRun(from: runStart, to: index, into: &parts, &state)
                    return (parts, .end)
                }
            }
            let byte = lexer.buffer[index]
            state.scannedBits |= byte
            switch byte {
            case UInt8(ascii: "\""):
                guard case .quoted = state.mode else { break }
                try flushRun(from: runStart, to: index, into: &parts, &state)
                lexer.index = index + 1
                return (parts, .end)
            case 0x0A:
                if case .quoted(let openQuote) = state.mode {
                    throw ParseError("unterminated string: a quoted string cannot span lines (use a heredoc)", at: openQuote, length: index - openQuote)
                }
                atLineStart = true
            case UInt8(ascii: "\\"):
                guard case .quoted = state.mode else { break }
                try flushRun(from: runStart, to: index, into: &parts, &state)
                let (text, length) = try escape(at: index)
                appendLiteral(HCLTemplateLiteral(text: text, range: ByteRange(start: index, end: index + length)), into: &parts, &state)
                lexer.index = index + length
                runStart = lexer.index
                continue
            case UInt8(ascii: "$"), UInt8(ascii: "%"):
                let next = lexer.byte(at: index + 1)
                if next == byte && lexer.byte(at: index + 2) == UInt8(ascii: "{") {
                    // `$${` and `%%{` stand for `${` and `%{`.
                    try flushRun(from: runStart, to: index, into: &parts, &state)
                    let text = byte == UInt8(ascii: "$") ? "${" : "%{"
                    appendLiteral(HCLTemplateLiteral(text: text, range: ByteRange(start: index, end: index + 3)), into: &parts, &state)
                    lexer.index = index + 3
                    runStart = lexer.index
                    continue
                }
                guard next == UInt8(ascii: "{") else { break }
                try flushRun(from: runStart, to: index, into: &parts, &state)
                if byte == UInt8(ascii: "$") {
                    try parseInterpolation(at: index, into: &parts, &state)
                } else if let terminator = try parseDirective(at: index, into: &parts, &state) {
                    return (parts, terminator)
                }
                runStart = lexer.index
                continue
            default:
                break
            }
            lexer.index = index + 1
        }
    }

    /// The end of the closing marker when the line at `offset` is `[ \t]*MARKER` and a line break
    /// or the end of the input.
    func heredocEnd(at offset: Int, marker: ByteRange) -> Int? {
        var position = offset
        while lexer.byte(at: position) == 0x20 || lexer.byte(at: position) == 0x09 { position += 1 }
        let length = marker.length
        guard position + length <= lexer.end else { return nil }
        for delta in 0..<length where lexer.buffer[position + delta] != lexer.buffer[marker.start + delta] { return nil }
        let after = position + length
        let next = lexer.byte(at: after)
        if after == lexer.end || next == 0x0A || (next == 0x0D && lexer.byte(at: after + 1) == 0x0A) { return after }
        return nil
    }

    mutating func flushRun(from start: Int, to end: Int, into parts: inout [HCLTemplatePart], _ state: inout TemplateState) throws(ParseError) {
        guard end > start else { return }
        state.length += end - start
        if state.length > limits.maxStringLength {
            throw ParseError("the string is longer than the limit of \(limits.maxStringLength) bytes", at: start, length: 1)
        }
        // HCL normalises string literals to NFC. The bytes are kept as written instead (without
        // Foundation there is no normaliser): Swift compares strings by canonical equivalence,
        // so no comparison ecslint makes sees the difference, and the run stays verbatim.
        let text = lexer.text(ByteRange(start: start, end: end))
        state.scannedBits = 0
        appendLiteral(HCLTemplateLiteral(text: text, range: ByteRange(start: start, end: end)), into: &parts, &state)
    }

    func appendLiteral(_ literal: HCLTemplateLiteral, into parts: inout [HCLTemplatePart], _ state: inout TemplateState) {
        var literal = literal
        if state.stripNextLeading {
            guard let trimmed = HCLTemplateWhitespace.trimmingLeading(literal) else { return }
            literal = trimmed
            state.stripNextLeading = false
        }
        parts.append(.literal(literal))
    }

    /// `\n`, `\r`, `\t`, `\"`, `\\`, `\uNNNN`, `\UNNNNNNNN`: the text and the escape's length.
    func escape(at offset: Int) throws(ParseError) -> (String, Int) {
        switch lexer.byte(at: offset + 1) {
        case UInt8(ascii: "n"): return ("\n", 2)
        case UInt8(ascii: "r"): return ("\r", 2)
        case UInt8(ascii: "t"): return ("\t", 2)
        case UInt8(ascii: "\""): return ("\"", 2)
        case UInt8(ascii: "\\"): return ("\\", 2)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = lexer.byte(at: offset + 1) == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for position in (offset + 2)..<(offset + 2 + digits) {
                guard let digit = HCLTemplateWhitespace.hexValue(lexer.byte(at: position)), position < lexer.end else {
                    throw ParseError("invalid escape sequence: '\\\(digits == 4 ? "u" : "U")' needs \(digits) hexadecimal digits", at: offset, length: 2)
                }
                value = value << 4 | UInt32(digit)
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw ParseError("invalid escape sequence: U+\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar", at: offset, length: 2 + digits)
            }
            return (String(Character(scalar)), 2 + digits)
        default:
            throw ParseError("invalid escape sequence: '\\' followed by \(lexer.describe(at: offset + 1)) (HCL knows \\n \\r \\t \\\" \\\\ \\u \\U)", at: offset, length: offset + 1 < lexer.end ? 2 : 1)
        }
    }

    /// `${ expression }`, with `~` strip markers, at `offset`.
    mutating func parseInterpolation(at offset: Int, into parts: inout [HCLTemplatePart], _ state: inout TemplateState) throws(ParseError) {
        try openTemplateSequence(at: offset, after: &parts)
        defer { depth -= 1 }
        let expression = try withNewlines(ignored: true) { cursor throws(ParseError) in try cursor.parseExpression() }
        let stripAfter = try closeTemplateSequence(opened: offset, what: "interpolation")
        parts.append(.interpolation(expression, range: ByteRange(start: offset, end: lexer.index)))
        state.stripNextLeading = stripAfter
    }

    /// Steps past `${` or `%{` at `offset` and a `~` after it (which cuts the whitespace ending
    /// the literal before), and enters one nesting level, which the caller leaves.
    mutating func openTemplateSequence(at offset: Int, after parts: inout [HCLTemplatePart]) throws(ParseError) {
        lexer.index = offset + 2
        peeked = nil
        if lexer.byte(at: lexer.index) == UInt8(ascii: "~") {
            lexer.index += 1
            HCLTemplateWhitespace.trimTrailing(&parts)
        }
        try enter(at: offset)
    }

    /// `~`? `}` closing an interpolation or directive; whether it had the strip marker.
    mutating func closeTemplateSequence(opened offset: Int, what: String) throws(ParseError) -> Bool {
        try withNewlines(ignored: true) { cursor throws(ParseError) -> Bool in
            var token = try cursor.peek()
            var strip = false
            if token.kind == .tilde {
                cursor.peeked = nil
                strip = true
                token = try cursor.peek()
            }
            guard token.kind == .closeBrace else {
                if token.kind == .endOfFile {
                    throw ParseError("unterminated \(what): '\(cursor.lexer.text(ByteRange(start: offset, end: offset + 2)))' without '}'", at: offset, length: 2)
                }
                throw cursor.unexpected(token, expected: "'}' to close the \(what)")
            }
            cursor.peeked = nil
            return strip
        }
    }

    /// `%{ if … }`, `%{ for … }` with their bodies, or a terminator (`else`, `endif`, `endfor`).
    mutating func parseDirective(at offset: Int, into parts: inout [HCLTemplatePart], _ state: inout TemplateState) throws(ParseError) -> TemplateTerminator? {
        try openTemplateSequence(at: offset, after: &parts)
        defer { depth -= 1 }
        let keyword = try withNewlines(ignored: true) { cursor throws(ParseError) in try cursor.peek() }
        guard keyword.kind == .identifier else { throw unexpected(keyword, expected: "'if', 'for', 'else', 'endif' or 'endfor' after '%{'") }
        peeked = nil
        switch lexer.text(keyword.range) {
        case "if":
            let condition = try withNewlines(ignored: true) { cursor throws(ParseError) in try cursor.parseExpression() }
            state.stripNextLeading = try closeTemplateSequence(opened: offset, what: "directive")
            let (thenParts, thenEnd) = try parseTemplateSequence(&state)
            var elseParts: [HCLTemplatePart] = []
            var last = thenEnd
            if case .elseDirective = thenEnd {
                (elseParts, last) = try parseTemplateSequence(&state)
            }
            guard case .endIf = last else { throw missingClose(last, opened: offset, expected: "%{endif}") }
            parts.append(.conditional(condition: condition, then: thenParts, else: elseParts, range: ByteRange(start: offset, end: lexer.index)))
            return nil
        case "for":
            let (keyVariable, valueVariable, collection) = try withNewlines(ignored: true) { cursor throws(ParseError) in
                var name = try cursor.expect(.identifier, "a variable name after 'for'")
                var keyVariable: String?
                var valueVariable = cursor.lexer.text(name.range)
                if try cursor.peek().kind == .comma {
                    cursor.peeked = nil
                    name = try cursor.expect(.identifier, "a second variable name after ','")
                    keyVariable = valueVariable
                    valueVariable = cursor.lexer.text(name.range)
                }
                let inToken = try cursor.expect(.identifier, "'in'")
                guard cursor.lexer.text(inToken.range) == "in" else { throw cursor.unexpected(inToken, expected: "'in'") }
                return (keyVariable, valueVariable, try cursor.parseExpression())
            }
            state.stripNextLeading = try closeTemplateSequence(opened: offset, what: "directive")
            let (body, last) = try parseTemplateSequence(&state)
            guard case .endFor = last else { throw missingClose(last, opened: offset, expected: "%{endfor}") }
            parts.append(.loop(keyVariable: keyVariable, valueVariable: valueVariable, collection: collection, body: body,
                range: ByteRange(start: offset, end: lexer.index)))
            return nil
        case "else", "endif", "endfor":
            let name = lexer.text(keyword.range)
            state.stripNextLeading = try closeTemplateSequence(opened: offset, what: "directive")
            let range = ByteRange(start: offset, end: lexer.index)
            switch name {
            case "else": return .elseDirective(range)
            case "endif": return .endIf(range)
            default: return .endFor(range)
            }
        default:
            throw unexpected(keyword, expected: "'if', 'for', 'else', 'endif' or 'endfor' after '%{'")
        }
    }

    func missingClose(_ terminator: TemplateTerminator, opened offset: Int, expected: String) -> ParseError {
        if let range = terminator.range {
            return ParseError("expected \(expected), found '\(lexer.text(range))'", at: range.start, length: range.length)
        }
        return ParseError("unterminated directive: no \(expected) closes it", at: offset, length: 2)
    }
}

/// Whitespace trimming of literal runs for strip markers (`${~ x ~}`).
enum HCLTemplateWhitespace {
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The literal without leading whitespace, or nil when nothing remains.
    static func trimmingLeading(_ literal: HCLTemplateLiteral) -> HCLTemplateLiteral? {
        let bytes = Array(literal.text.utf8)
        var cut = 0
        while cut < bytes.count && isWhitespace(bytes[cut]) { cut += 1 }
        if cut == bytes.count { return nil }
        if cut == 0 { return literal }
        let start = literal.isVerbatim ? literal.range.start + cut : literal.range.start
        return HCLTemplateLiteral(text: String(decoding: bytes[cut...], as: UTF8.self), range: ByteRange(start: start, end: literal.range.end))
    }

    /// Cuts whitespace from the end of the literal runs that end `parts`.
    static func trimTrailing(_ parts: inout [HCLTemplatePart]) {
        while case .literal(let literal)? = parts.last {
            let bytes = Array(literal.text.utf8)
            var keep = bytes.count
            while keep > 0 && isWhitespace(bytes[keep - 1]) { keep -= 1 }
            if keep == 0 {
                parts.removeLast()
                continue
            }
            if keep < bytes.count {
                let end = literal.isVerbatim ? literal.range.start + keep : literal.range.end
                parts[parts.count - 1] = .literal(HCLTemplateLiteral(text: String(decoding: bytes[..<keep], as: UTF8.self),
                    range: ByteRange(start: literal.range.start, end: end)))
            }
            return
        }
    }
}
