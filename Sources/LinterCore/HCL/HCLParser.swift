/// Parses HCL native syntax (`*.tf`, `*.tfvars`, `*.hcl`) into an `HCLFileSyntax` whose every node
/// keeps its exact byte range.
///
/// Recursive descent over `HCLLexer` tokens, with nesting bounded by `ParseLimits.maxDepth` (the
/// evaluator and every consumer recurse once per level, so the tree's height is bounded too, long
/// operator and traversal chains included). Templates are scanned by `HCLTemplateScanner`.
public struct HCLParser: Sendable {
    public var limits: ParseLimits

    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    /// Parses a whole file (a UTF-8 byte order mark is allowed).
    public func parse(_ bytes: [UInt8]) throws(ParseError) -> HCLFileSyntax {
        try run(bytes, start: 0, end: bytes.count) { cursor throws(ParseError) in try cursor.parseFile() }
    }

    /// Parses a whole file given as text.
    public func parse(_ text: String) throws(ParseError) -> HCLFileSyntax {
        try parse(Array(text.utf8))
    }

    /// Parses `bytes[range]` as one expression (`ecslint dump --eval`, the JSON variant's `${}`
    /// strings); ranges are offsets into `bytes`.
    public func parseExpression(_ bytes: [UInt8], range: Range<Int>? = nil) throws(ParseError) -> HCLExpression {
        let range = range ?? 0..<bytes.count
        return try run(bytes, start: range.lowerBound, end: range.upperBound) { cursor throws(ParseError) in
            try cursor.parseStandaloneExpression()
        }
    }

    /// Parses `bytes[range]` as template text, the way `templatefile` reads a file and the JSON
    /// variant reads a string; ranges are offsets into `bytes`.
    public func parseTemplate(_ bytes: [UInt8], range: Range<Int>? = nil) throws(ParseError) -> HCLTemplate {
        let range = range ?? 0..<bytes.count
        return try run(bytes, start: range.lowerBound, end: range.upperBound) { cursor throws(ParseError) in
            try cursor.parseTemplateFile()
        }
    }

    private func run<Result>(
        _ bytes: [UInt8], start: Int, end: Int, _ body: (inout HCLCursor) throws(ParseError) -> Result
    ) throws(ParseError) -> Result {
        guard start >= 0, start <= end, end <= bytes.count else {
            throw ParseError("range \(start)..<\(end) lies outside the \(bytes.count)-byte input", at: 0)
        }
        guard bytes.count <= ByteRange.maxOffset else {
            throw ParseError("the file is larger than \(ByteRange.maxOffset) bytes", at: 0)
        }
        return try bytes.withUnsafeBufferPointer { buffer throws(ParseError) -> Result in
            try HCLLexer.validateEncoding(buffer, start: start, end: end)
            var cursor = HCLCursor(buffer: buffer, start: start, end: end, limits: limits)
            return try body(&cursor)
        }
    }
}

/// The parser's state: the lexer, one token of lookahead, and whether line breaks end things
/// where the parser is (they do in bodies and object constructors, not inside brackets).
struct HCLCursor {
    var lexer: HCLLexer
    let limits: ParseLimits
    var peeked: HCLToken?
    var newlinesIgnored = false
    var depth = 0

    init(buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, limits: ParseLimits) {
        lexer = HCLLexer(buffer: buffer, start: start, end: end)
        self.limits = limits
    }

    // MARK: Tokens

    @inline(__always)
    mutating func peek() throws(ParseError) -> HCLToken {
        if let buffered = peeked, !(newlinesIgnored && buffered.kind == .newline) { return buffered }
        return try peekSlowly()
    }

    mutating func peekSlowly() throws(ParseError) -> HCLToken {
        while true {
            let token: HCLToken
            if let buffered = peeked {
                token = buffered
            } else {
                token = try lexer.next()
                peeked = token
            }
            if newlinesIgnored && token.kind == .newline {
                peeked = nil
                continue
            }
            return token
        }
    }

    @discardableResult
    mutating func advance() throws(ParseError) -> HCLToken {
        let token = try peek()
        peeked = nil
        return token
    }

    mutating func expect(_ kind: HCLToken.Kind, _ what: String) throws(ParseError) -> HCLToken {
        let token = try peek()
        guard token.kind == kind else { throw unexpected(token, expected: what) }
        peeked = nil
        return token
    }

    func describe(_ token: HCLToken) -> String {
        switch token.kind {
        case .newline: return "a line break"
        case .endOfFile: return "end of file"
        case .quote: return "a string"
        case .heredoc: return "a heredoc"
        case .identifier: return "'\(lexer.text(token.range))'"
        case .number: return "number \(lexer.text(token.range))"
        default: return "'\(lexer.text(token.range))'"
        }
    }

    func unexpected(_ token: HCLToken, expected: String) -> ParseError {
        ParseError("expected \(expected), found \(describe(token))", at: token.range.start, length: max(token.range.length, token.kind == .endOfFile ? 0 : 1))
    }

    /// Skips line breaks even where they are significant (after a binary operator, `?` or `:`).
    mutating func skipNewlines() throws(ParseError) {
        while try peek().kind == .newline { peeked = nil }
    }

    mutating func withNewlines<Result>(ignored: Bool, _ body: (inout HCLCursor) throws(ParseError) -> Result) throws(ParseError) -> Result {
        let saved = newlinesIgnored
        newlinesIgnored = ignored
        defer { newlinesIgnored = saved }
        return try body(&self)
    }

    mutating func enter(at offset: Int, extra: Int = 0) throws(ParseError) {
        depth += 1
        try checkDepth(depth + extra, at: offset)
    }

    func checkDepth(_ level: Int, at offset: Int) throws(ParseError) {
        if level > limits.maxDepth {
            throw ParseError("nesting is deeper than the limit of \(limits.maxDepth) levels", at: offset, length: 1)
        }
    }

    // MARK: Bodies

    mutating func parseFile() throws(ParseError) -> HCLFileSyntax {
        let start = lexer.index
        if lexer.matches("\u{FEFF}", at: start) { lexer.index += 3 }
        let body = try parseBody(openBrace: nil)
        return HCLFileSyntax(body: HCLBody(items: body.items, range: ByteRange(start: start, end: lexer.end)), comments: lexer.comments)
    }

    /// Attributes and blocks up to `}` (left for the caller) when `openBrace` (its offset) is
    /// given, else up to the end of the file.
    mutating func parseBody(openBrace: Int?) throws(ParseError) -> HCLBody {
        let closedByBrace = openBrace != nil
        let start = lexer.index
        var items: [HCLBodyItem] = []
        var attributeNames: Set<String> = []
        while true {
            let token = try peek()
            switch token.kind {
            case .newline:
                peeked = nil
                continue
            case .endOfFile:
                if let openBrace { throw ParseError("unclosed block: the '{' here has no '}' before the end of the file", at: openBrace, length: 1) }
                return HCLBody(items: items, range: ByteRange(start: start, end: token.range.start))
            case .closeBrace:
                if closedByBrace { return HCLBody(items: items, range: ByteRange(start: start, end: token.range.start)) }
                throw ParseError("unexpected '}': no block is open", at: token.range.start, length: 1)
            case .identifier:
                let item = try parseBodyItem(singleLine: false)
                if case .attribute(let attribute) = item {
                    if !attributeNames.insert(attribute.name).inserted {
                        throw ParseError("attribute '\(attribute.name)' is defined twice in this body", at: attribute.nameRange.start, length: attribute.nameRange.length)
                    }
                }
                items.append(item)
                let after = try peek()
                switch after.kind {
                case .newline: peeked = nil
                case .endOfFile: break
                case .closeBrace where closedByBrace: break
                default:
                    throw ParseError(
                        "expected a line break after \(items.last.map(describeItem) ?? "the item"), found \(describe(after))",
                        at: after.range.start, length: max(1, after.range.length))
                }
            default:
                throw unexpected(token, expected: "an attribute name or a block type")
            }
        }
    }

    func describeItem(_ item: HCLBodyItem) -> String {
        switch item {
        case .attribute(let attribute): return "attribute '\(attribute.name)'"
        case .block(let block): return "block '\(block.type)'"
        }
    }

    /// `name = expression` or `type labels { body }`, the name already peeked.
    mutating func parseBodyItem(singleLine: Bool) throws(ParseError) -> HCLBodyItem {
        let nameToken = try advance()
        let name = lexer.text(nameToken.range)
        var token = try peek()
        if token.kind == .equals {
            peeked = nil
            let expression = try parseExpression()
            return .attribute(HCLAttribute(name: name, nameRange: nameToken.range, expression: expression,
                range: ByteRange(start: nameToken.range.start, end: expression.range.end)))
        }
        if singleLine {
            throw ParseError("a single-line block holds at most one attribute, not a block", at: nameToken.range.start, length: nameToken.range.length)
        }
        var labels: [HCLBlockLabel] = []
        while token.kind == .quote || token.kind == .identifier {
            peeked = nil
            if token.kind == .identifier {
                labels.append(HCLBlockLabel(value: lexer.text(token.range), range: token.range, isQuoted: false))
            } else {
                let template = try parseQuotedTemplate(openQuote: token.range.start)
                guard let text = template.literalText else {
                    throw ParseError("a block label cannot contain interpolations or directives", at: token.range.start, length: lexer.index - token.range.start)
                }
                labels.append(HCLBlockLabel(value: text, range: ByteRange(start: token.range.start, end: lexer.index), isQuoted: true))
            }
            token = try peek()
        }
        guard token.kind == .openBrace else {
            throw unexpected(token, expected: labels.isEmpty ? "'=' or '{' after '\(name)'" : "'{' to open block '\(name)'")
        }
        peeked = nil
        try enter(at: token.range.start)
        defer { depth -= 1 }
        let body: HCLBody
        let next = try peek()
        if next.kind == .newline {
            body = try parseBody(openBrace: token.range.start)
        } else if next.kind == .closeBrace {
            body = HCLBody(items: [], range: ByteRange(start: token.range.end, end: next.range.start))
        } else if next.kind == .identifier {
            let item = try parseBodyItem(singleLine: true)
            let close = try peek()
            guard close.kind == .closeBrace else {
                if close.kind == .newline {
                    throw ParseError("a single-line block must be closed with '}' on the same line", at: close.range.start, length: 1)
                }
                throw unexpected(close, expected: "'}' to close the single-line block")
            }
            body = HCLBody(items: [item], range: ByteRange(start: token.range.end, end: close.range.start))
        } else {
            throw unexpected(next, expected: "a line break, an attribute or '}' after '{'")
        }
        let close = try expect(.closeBrace, "'}'")
        return .block(HCLBlock(type: name, typeRange: nameToken.range, labels: labels, body: body,
            range: ByteRange(start: nameToken.range.start, end: close.range.end)))
    }

    // MARK: Expressions

    mutating func parseStandaloneExpression() throws(ParseError) -> HCLExpression {
        try withNewlines(ignored: true) { cursor throws(ParseError) in
            let expression = try cursor.parseExpression()
            let end = try cursor.peek()
            guard end.kind == .endOfFile else { throw cursor.unexpected(end, expected: "end of the expression") }
            return expression
        }
    }

    mutating func parseExpression() throws(ParseError) -> HCLExpression {
        let start = try peek().range.start
        try enter(at: start)
        defer { depth -= 1 }
        let condition = try parseBinary(minimumPrecedence: 1)
        guard try peek().kind == .question else { return condition }
        peeked = nil
        try skipNewlines()
        let whenTrue = try parseExpression()
        try skipNewlines()
        _ = try expect(.colon, "':' in the conditional expression")
        try skipNewlines()
        let whenFalse = try parseExpression()
        return HCLExpression(.conditional(condition, then: whenTrue, else: whenFalse),
            range: ByteRange(start: condition.range.start, end: whenFalse.range.end))
    }

    /// Precedence climbing; operators of one level associate to the left.
    mutating func parseBinary(minimumPrecedence: Int) throws(ParseError) -> HCLExpression {
        var left = try parseUnary()
        var chain = 0
        while true {
            let token = try peek()
            guard let op = token.binaryOperator, op.precedence >= minimumPrecedence else { return left }
            peeked = nil
            chain += 1
            try checkDepth(depth + chain, at: token.range.start)
            try skipNewlines()
            try enter(at: token.range.start)
            let right = try parseBinary(minimumPrecedence: op.precedence + 1)
            depth -= 1
            left = HCLExpression(.binary(op, left, right), range: ByteRange(start: left.range.start, end: right.range.end))
        }
    }

    mutating func parseUnary() throws(ParseError) -> HCLExpression {
        let token = try peek()
        let op: HCLUnaryOperator
        switch token.kind {
        case .minus: op = .negate
        case .bang: op = .not
        default: return try parsePostfix()
        }
        peeked = nil
        try enter(at: token.range.start)
        defer { depth -= 1 }
        let operand = try parseUnary()
        return HCLExpression(.unary(op, operand), range: ByteRange(start: token.range.start, end: operand.range.end))
    }

    /// A term followed by attribute accesses, indexes and splats.
    mutating func parsePostfix() throws(ParseError) -> HCLExpression {
        var expression = try parseTerm()
        var chain = 0
        while true {
            let token = try peek()
            chain += 1
            try checkDepth(depth + chain, at: token.range.start)
            if token.kind == .dot {
                if lexer.byte(at: token.range.end) == UInt8(ascii: "*") {
                    peeked = nil
                    lexer.index = token.range.end + 1
                    expression = try parseSplat(source: expression, isFull: false, start: token.range.start)
                    continue
                }
                guard let step = try parseAttributeStep(on: expression) else { return expression }
                expression = step
            } else if token.kind == .openBracket {
                if isFullSplat(at: token.range.end) {
                    peeked = nil
                    try skipFullSplatMarker()
                    expression = try parseSplat(source: expression, isFull: true, start: token.range.start)
                    continue
                }
                expression = try parseIndexStep(on: expression)
            } else {
                return expression
            }
        }
    }

    /// `[` followed by `*` and `]` (spaces allowed between).
    func isFullSplat(at offset: Int) -> Bool {
        var position = offset
        while lexer.byte(at: position) == 0x20 || lexer.byte(at: position) == 0x09 { position += 1 }
        guard lexer.byte(at: position) == UInt8(ascii: "*") else { return false }
        position += 1
        while lexer.byte(at: position) == 0x20 || lexer.byte(at: position) == 0x09 { position += 1 }
        return lexer.byte(at: position) == UInt8(ascii: "]")
    }

    mutating func skipFullSplatMarker() throws(ParseError) {
        while lexer.index < lexer.end && lexer.byte(at: lexer.index) != UInt8(ascii: "]") { lexer.index += 1 }
        lexer.index = min(lexer.index + 1, lexer.end)
    }

    /// `.name` or the legacy `.0` on `base`, the dot peeked; nil when the dot starts something else.
    mutating func parseAttributeStep(on base: HCLExpression) throws(ParseError) -> HCLExpression? {
        let dot = try peek()
        let afterDot = dot.range.end
        if HCLLexer.isDigit(lexer.byte(at: afterDot)) {
            // Legacy index: digits only, so `a.0.1` is two steps, not the number 0.1.
            peeked = nil
            var position = afterDot
            while HCLLexer.isDigit(lexer.byte(at: position)) { position += 1 }
            lexer.index = position
            let keyRange = ByteRange(start: afterDot, end: position)
            let key = HCLExpression(.literal(.number(lexer.text(keyRange))), range: keyRange)
            return HCLExpression(.index(base, key: key), range: ByteRange(start: base.range.start, end: position))
        }
        peeked = nil
        let name = try peek()
        guard name.kind == .identifier else { throw unexpected(name, expected: "an attribute name after '.'") }
        peeked = nil
        return HCLExpression(.getAttribute(base, name: lexer.text(name.range), nameRange: name.range),
            range: ByteRange(start: base.range.start, end: name.range.end))
    }

    /// `[key]` on `base`, the bracket peeked.
    mutating func parseIndexStep(on base: HCLExpression) throws(ParseError) -> HCLExpression {
        peeked = nil
        let (key, close) = try withNewlines(ignored: true) { cursor throws(ParseError) in
            let key = try cursor.parseExpression()
            return (key, try cursor.expect(.closeBracket, "']' after the index"))
        }
        return HCLExpression(.index(base, key: key), range: ByteRange(start: base.range.start, end: close.range.end))
    }

    /// The steps after `[*]` (attributes and indexes) or `.*` (attributes only) apply to each element.
    mutating func parseSplat(source: HCLExpression, isFull: Bool, start: Int) throws(ParseError) -> HCLExpression {
        let markerEnd = lexer.index
        var each = HCLExpression(.splatElement, range: .point(markerEnd))
        var chain = 0
        while true {
            let token = try peek()
            chain += 1
            try checkDepth(depth + chain, at: token.range.start)
            if token.kind == .dot, lexer.byte(at: token.range.end) != UInt8(ascii: "*"), let step = try parseAttributeStep(on: each) {
                each = step
            } else if isFull, token.kind == .openBracket, !isFullSplat(at: token.range.end) {
                each = try parseIndexStep(on: each)
            } else {
                break
            }
        }
        let end = max(markerEnd, each.range.end)
        each.range = ByteRange(start: markerEnd, end: end)
        return HCLExpression(.splat(source: source, each: each, isFull: isFull), range: ByteRange(start: source.range.start, end: end))
    }

    mutating func parseTerm() throws(ParseError) -> HCLExpression {
        let token = try peek()
        switch token.kind {
        case .number:
            peeked = nil
            return HCLExpression(.literal(.number(lexer.text(token.range))), range: token.range)
        case .identifier:
            peeked = nil
            return try parseNameTerm(token)
        case .quote:
            peeked = nil
            let template = try parseQuotedTemplate(openQuote: token.range.start)
            return HCLExpression(.template(template), range: ByteRange(start: token.range.start, end: lexer.index))
        case .heredoc:
            peeked = nil
            return try parseHeredoc(token)
        case .openParen:
            peeked = nil
            try enter(at: token.range.start)
            defer { depth -= 1 }
            let (inner, close) = try withNewlines(ignored: true) { cursor throws(ParseError) in
                let inner = try cursor.parseExpression()
                return (inner, try cursor.expect(.closeParen, "')'"))
            }
            return HCLExpression(.parenthesized(inner), range: ByteRange(start: token.range.start, end: close.range.end))
        case .openBracket:
            peeked = nil
            try enter(at: token.range.start)
            defer { depth -= 1 }
            return try withNewlines(ignored: true) { cursor throws(ParseError) in try cursor.parseTupleOrFor(open: token) }
        case .openBrace:
            peeked = nil
            try enter(at: token.range.start)
            defer { depth -= 1 }
            if try isForKeyword() {
                return try withNewlines(ignored: true) { cursor throws(ParseError) in try cursor.parseFor(open: token, isObject: true) }
            }
            return try withNewlines(ignored: false) { cursor throws(ParseError) in try cursor.parseObject(open: token) }
        default:
            throw unexpected(token, expected: "an expression")
        }
    }

    /// A literal keyword, a function call or a variable.
    mutating func parseNameTerm(_ token: HCLToken) throws(ParseError) -> HCLExpression {
        var name = lexer.text(token.range)
        var nameEnd = token.range.end
        // `provider::aws::arn_parse(...)`: the namespace is read on the bytes, so `a ? b::c` is
        // never taken for a conditional's colon.
        while lexer.matches("::", at: nameEnd) && lexer.identifierCharacterLength(at: nameEnd + 2, first: true) > 0 {
            let partEnd = lexer.identifierEnd(from: nameEnd + 2)
            name = lexer.text(ByteRange(start: token.range.start, end: partEnd))
            nameEnd = partEnd
            lexer.index = partEnd
        }
        let nameRange = ByteRange(start: token.range.start, end: nameEnd)
        let next = try peek()
        if next.kind == .openParen {
            peeked = nil
            return try parseCall(name: name, nameRange: nameRange)
        }
        if nameEnd != token.range.end {
            throw unexpected(next, expected: "'(' after the namespaced function name '\(name)'")
        }
        switch name {
        case "true": return HCLExpression(.literal(.bool(true)), range: token.range)
        case "false": return HCLExpression(.literal(.bool(false)), range: token.range)
        case "null": return HCLExpression(.literal(.null), range: token.range)
        default: return HCLExpression(.variable(name), range: token.range)
        }
    }

    mutating func parseCall(name: String, nameRange: ByteRange) throws(ParseError) -> HCLExpression {
        try enter(at: nameRange.start)
        defer { depth -= 1 }
        return try withNewlines(ignored: true) { cursor throws(ParseError) in
            var arguments: [HCLExpression] = []
            var expands = false
            while true {
                let token = try cursor.peek()
                if token.kind == .closeParen {
                    cursor.peeked = nil
                    let call = HCLFunctionCall(name: name, nameRange: nameRange, arguments: arguments, expandsFinalArgument: expands)
                    return HCLExpression(.call(call), range: ByteRange(start: nameRange.start, end: token.range.end))
                }
                if expands { throw cursor.unexpected(token, expected: "')' after the expanded argument '...'") }
                arguments.append(try cursor.parseExpression())
                let separator = try cursor.peek()
                switch separator.kind {
                case .comma: cursor.peeked = nil
                case .ellipsis:
                    cursor.peeked = nil
                    expands = true
                    if try cursor.peek().kind == .comma { cursor.peeked = nil }
                case .closeParen: continue
                default: throw cursor.unexpected(separator, expected: "',' or ')' in the arguments of \(name)")
                }
            }
        }
    }

    /// Whether the next token is `for` followed by an identifier (`[for x in …`), not a name `for`.
    mutating func isForKeyword() throws(ParseError) -> Bool {
        let token = try withNewlines(ignored: true) { cursor throws(ParseError) in try cursor.peek() }
        guard token.kind == .identifier, token.range.length == 3, lexer.matches("for", at: token.range.start) else { return false }
        var position = token.range.end
        while true {
            let byte = lexer.byte(at: position)
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { break }
            position += 1
        }
        return lexer.identifierCharacterLength(at: position, first: true) > 0
    }

    mutating func parseTupleOrFor(open: HCLToken) throws(ParseError) -> HCLExpression {
        if try isForKeyword() { return try parseFor(open: open, isObject: false) }
        var elements: [HCLExpression] = []
        while true {
            let token = try peek()
            if token.kind == .closeBracket {
                peeked = nil
                return HCLExpression(.tuple(elements), range: ByteRange(start: open.range.start, end: token.range.end))
            }
            elements.append(try parseExpression())
            let separator = try peek()
            switch separator.kind {
            case .comma: peeked = nil
            case .closeBracket: continue
            default: throw unexpected(separator, expected: "',' or ']' in the tuple")
            }
        }
    }

    mutating func parseObject(open: HCLToken) throws(ParseError) -> HCLExpression {
        var items: [HCLObjectItem] = []
        while true {
            try skipNewlines()
            let token = try peek()
            if token.kind == .closeBrace {
                peeked = nil
                return HCLExpression(.object(items), range: ByteRange(start: open.range.start, end: token.range.end))
            }
            let key = try withNewlines(ignored: true) { cursor throws(ParseError) in try cursor.parseExpression() }
            let assign = try peek()
            guard assign.kind == .equals || assign.kind == .colon else {
                throw unexpected(assign, expected: "'=' or ':' after the object key")
            }
            peeked = nil
            try skipNewlines()
            let value = try parseExpression()
            items.append(HCLObjectItem(key: key, value: value))
            let separator = try peek()
            switch separator.kind {
            case .comma, .newline: peeked = nil
            case .closeBrace: continue
            default: throw unexpected(separator, expected: "',', a line break or '}' after the object item")
            }
        }
    }

    /// `for k, v in collection : …`, after the opening bracket or brace.
    mutating func parseFor(open: HCLToken, isObject: Bool) throws(ParseError) -> HCLExpression {
        peeked = nil  // `for`
        var first = try expect(.identifier, "a variable name after 'for'")
        var keyVariable: String?
        var valueVariable = lexer.text(first.range)
        if try peek().kind == .comma {
            peeked = nil
            first = try expect(.identifier, "a second variable name after ','")
            keyVariable = valueVariable
            valueVariable = lexer.text(first.range)
        }
        let inToken = try expect(.identifier, "'in'")
        guard lexer.text(inToken.range) == "in" else { throw unexpected(inToken, expected: "'in'") }
        let collection = try parseExpression()
        _ = try expect(.colon, "':' after the collection of the 'for' expression")
        var keyExpression: HCLExpression?
        if isObject {
            keyExpression = try parseExpression()
            _ = try expect(.fatArrow, "'=>' after the key of the 'for' expression")
        }
        let valueExpression = try parseExpression()
        var grouping = false
        if isObject, try peek().kind == .ellipsis {
            peeked = nil
            grouping = true
        }
        var condition: HCLExpression?
        let next = try peek()
        if next.kind == .identifier, lexer.text(next.range) == "if" {
            peeked = nil
            condition = try parseExpression()
        }
        let close = try expect(isObject ? .closeBrace : .closeBracket, isObject ? "'}' to close the 'for' expression" : "']' to close the 'for' expression")
        let forExpression = HCLForExpression(keyVariable: keyVariable, valueVariable: valueVariable, collection: collection,
            keyExpression: keyExpression, valueExpression: valueExpression, condition: condition, isGrouping: grouping)
        return HCLExpression(.forExpression(forExpression), range: ByteRange(start: open.range.start, end: close.range.end))
    }
}
