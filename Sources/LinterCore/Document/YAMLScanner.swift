/// Turns YAML 1.2 UTF-8 bytes into tokens. Indentation becomes explicit block start/end tokens and
/// implicit ("simple") keys are detected after the fact, once their `:` is seen, by inserting a
/// `key` token back into the queue — the classic libyaml design, which needs no backtracking.
struct YAMLScanner {
    struct SimpleKey {
        var tokenNumber: Int
        var required: Bool
        var index: Int
        var line: Int
        var column: Int
        /// Offset of a tab in the key's leading whitespace, if any: a key there would use the tab
        /// as indentation.
        var tabOffset: Int?
    }

    let buffer: UnsafeBufferPointer<UInt8>
    let limits: ParseLimits
    var index = 0
    var line = 0
    var column = 0
    var lineStart = 0

    private var queue: [YAMLToken] = []
    private var head = 0
    private(set) var tokensTaken = 0
    private var done = false
    private var streamStarted = false

    var flowLevel = 0
    private var indents: [Int] = []
    var indent = -1
    private var allowSimpleKey = true
    private var simpleKeys: [SimpleKey?] = [nil]
    /// Where the last quoted scalar or flow collection ended: in flow context a `:` right after
    /// such a "JSON-like" key is a value indicator even without a following space.
    private var lastTokenWasJSONLike = false
    /// Offset of a tab found in the leading whitespace of the current token's line.
    private var leadingTab: Int?
    /// Leading spaces before the current token when it is the first on its line, else nil.
    private var leadingSpaces: Int?

    var comments: [Comment] = []
    /// Texts of tokens that are not slices of the input (see `YAMLTokenText.decoded`).
    private(set) var decodedTexts: [String] = []
    /// Reused for scalars that need unescaping or folding, to avoid an allocation per scalar.
    private var scratch: [UInt8] = []

    init(buffer: UnsafeBufferPointer<UInt8>, limits: ParseLimits) {
        self.buffer = buffer
        self.limits = limits
    }

    // MARK: - Token queue

    mutating func peekToken() throws(ParseError) -> YAMLToken {
        while needMoreTokens() { try fetchMoreTokens() }
        if head < queue.count { return queue[head] }
        return YAMLToken(.streamEnd, start: buffer.count, end: buffer.count)
    }

    /// The next token's kind without copying the token (the parser peeks far more than it takes).
    @inline(__always)
    mutating func peekKind() throws(ParseError) -> YAMLTokenKind {
        while needMoreTokens() { try fetchMoreTokens() }
        return head < queue.count ? queue[head].kind : .streamEnd
    }

    @discardableResult @inline(__always)
    mutating func nextToken() throws(ParseError) -> YAMLToken {
        while needMoreTokens() { try fetchMoreTokens() }
        guard head < queue.count else { return YAMLToken(.streamEnd, start: buffer.count, end: buffer.count) }
        let token = queue[head]
        head += 1
        tokensTaken += 1
        // Compacting the queue costs a generic call, so do it in batches, not per token.
        if head == queue.count && head >= 64 {
            queue.removeAll(keepingCapacity: true)
            head = 0
        }
        return token
    }

    @inline(__always)
    private mutating func needMoreTokens() -> Bool {
        if done { return false }
        if head == queue.count { return true }
        if flowLevel == 0 {
            // Block context, the common case: the general check below for one level, inline.
            guard let key = simpleKeys[0] else { return false }
            if (key.line != line || index > key.index + 1024) && !key.required {
                simpleKeys[0] = nil
                return false
            }
            return key.tokenNumber == tokensTaken
        }
        var pendingKey = false
        for level in 0...flowLevel where simpleKeys[level] != nil {
            pendingKey = true
            break
        }
        if !pendingKey { return false }
        staleSimpleKeys()
        return nextPossibleSimpleKey() == tokensTaken
    }

    private func nextPossibleSimpleKey() -> Int? {
        var best: Int?
        for case let key? in simpleKeys {
            best = min(best ?? key.tokenNumber, key.tokenNumber)
        }
        return best
    }

    /// `queue.insert(token, at: position)`. The key of `key: value` is almost always the last
    /// token queued, and moving one token by hand beats the general insertion.
    @inline(__always)
    private mutating func insertToken(_ token: YAMLToken, at position: Int) {
        if position == queue.count - 1, let last = queue.last {
            queue[position] = token
            queue.append(last)
        } else {
            queue.insert(token, at: position)
        }
    }

    @inline(__always)
    private mutating func append(_ token: YAMLToken) {
        lastTokenWasJSONLike =
            token.kind == .flowSequenceEnd || token.kind == .flowMappingEnd
            || (token.kind == .scalar && (token.style == .singleQuoted || token.style == .doubleQuoted))
        queue.append(token)
    }

    // MARK: - Byte helpers

    @inline(__always) func peek(_ offset: Int = 0) -> UInt8 {
        let position = index + offset
        return position < buffer.count ? buffer[position] : 0
    }

    @inline(__always) static func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    /// Blank, line break or end of input (the scanner uses 0 for end of input; NUL is rejected upfront).
    @inline(__always) static func isBlankOrEnd(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0
    }
    @inline(__always) static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    /// Advances over `count` bytes that are not line breaks, counting columns in code points.
    @inline(__always) mutating func forward(_ count: Int = 1) {
        var remaining = count
        while remaining > 0 && index < buffer.count {
            if buffer[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
            remaining -= 1
        }
    }

    /// Consumes one line break (LF, CR LF or a lone CR); returns false if there is none.
    @discardableResult @inline(__always)
    mutating func consumeLineBreak() -> Bool {
        let byte = peek()
        if byte == 0x0D {
            index += peek(1) == 0x0A ? 2 : 1
        } else if byte == 0x0A {
            index += 1
        } else {
            return false
        }
        line += 1
        column = 0
        lineStart = index
        return true
    }

    func describe(at offset: Int) -> String {
        guard offset < buffer.count else { return "end of file" }
        let byte = buffer[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        switch byte {
        case 0x20: return "a space"
        case 0x0A, 0x0D: return "a line break"
        case 0x09: return "a tab"
        default: return "a non-ASCII character"
        }
    }

    @inline(__always)
    func text(_ start: Int, _ end: Int) -> String {
        guard start < end, end <= buffer.count else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    /// The text a token points at.
    @inline(__always)
    func string(_ text: YAMLTokenText) -> String {
        switch text {
        case .none: return ""
        case .slice(let start, let end): return self.text(start, end)
        case .decoded(let position): return decodedTexts[position]
        }
    }

    private mutating func keep(_ text: String) -> YAMLTokenText {
        decodedTexts.append(text)
        return .decoded(decodedTexts.count - 1)
    }

    private mutating func keep(_ bytes: [UInt8]) -> YAMLTokenText {
        keep(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: - Fetching

    private mutating func fetchMoreTokens() throws(ParseError) {
        if !streamStarted {
            streamStarted = true
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                index = 3
                lineStart = 3
            }
            append(YAMLToken(.streamStart, start: index, end: index))
            return
        }
        try scanToNextToken()
        try staleSimpleKeysChecked()
        unwindIndent(column)
        try checkFlowIndentation()

        let byte = peek()
        if index >= buffer.count { return fetchStreamEnd() }
        if column == 0 {
            if byte == UInt8(ascii: "%") { return try fetchDirective() }
            if isDocumentMarker(UInt8(ascii: "-")) { return try fetchDocumentIndicator(.documentStart) }
            if isDocumentMarker(UInt8(ascii: ".")) { return try fetchDocumentIndicator(.documentEnd) }
        }
        switch byte {
        case UInt8(ascii: "["): return try fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): return try fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): return try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): return try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): return fetchFlowEntry()
        case UInt8(ascii: "-") where YAMLScanner.isBlankOrEnd(peek(1)): return try fetchBlockEntry()
        case UInt8(ascii: "?") where YAMLScanner.isBlankOrEnd(peek(1)): return try fetchKey()
        case UInt8(ascii: ":") where isValueIndicator(): return try fetchValue()
        case UInt8(ascii: "*"): return try fetchAnchorOrAlias(.alias)
        case UInt8(ascii: "&"): return try fetchAnchorOrAlias(.anchor)
        case UInt8(ascii: "!"): return try fetchTag()
        case UInt8(ascii: "|") where flowLevel == 0: return try fetchBlockScalar()
        case UInt8(ascii: ">") where flowLevel == 0: return try fetchBlockScalar()
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return try fetchQuoted()
        default:
            if canStartPlain() { return try fetchPlain() }
            let what = describe(at: index)
            if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "`") {
                throw ParseError("\(what) is reserved and cannot start a plain scalar; quote the value", at: index, length: 1)
            }
            if byte == UInt8(ascii: "%") {
                throw ParseError("'%' cannot start a plain scalar; quote the value", at: index, length: 1)
            }
            throw ParseError("unexpected \(what); expected a YAML value", at: index, length: 1)
        }
    }

    @inline(__always)
    private func isDocumentMarker(_ byte: UInt8) -> Bool {
        peek() == byte && peek(1) == byte && peek(2) == byte && YAMLScanner.isBlankOrEnd(peek(3))
    }

    @inline(__always)
    private func isValueIndicator() -> Bool {
        let next = peek(1)
        if YAMLScanner.isBlankOrEnd(next) { return true }
        if flowLevel > 0 {
            if YAMLScanner.isFlowIndicator(next) { return true }
            if lastTokenWasJSONLike { return true }
        }
        return false
    }

    private func onlyBlanks(from start: Int, to end: Int) -> Bool {
        var position = start
        while position < end {
            if !YAMLScanner.isBlank(buffer[position]) { return false }
            position += 1
        }
        return true
    }

    @inline(__always)
    private func canStartPlain() -> Bool {
        let byte = peek()
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            let next = peek(1)
            if YAMLScanner.isBlankOrEnd(next) { return false }
            return flowLevel == 0 || !YAMLScanner.isFlowIndicator(next)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        default:
            return !YAMLScanner.isBlankOrEnd(byte)
        }
    }

    // MARK: - Whitespace, comments, indentation

    private mutating func scanToNextToken() throws(ParseError) {
        leadingTab = nil
        leadingSpaces = nil
        while true {
            let runStart = index
            let spacesEnd = skipSpaces()
            while index < buffer.count && YAMLScanner.isBlank(buffer[index]) { index += 1 }
            column += index - runStart
            if peek() == UInt8(ascii: "#") {
                if index > lineStart && !YAMLScanner.isBlank(buffer[index - 1]) {
                    throw ParseError(
                        "a comment must be separated from the preceding content by a space", at: index, length: 1)
                }
                scanComment()
            }
            if consumeLineBreak() {
                if flowLevel == 0 { allowSimpleKey = true }
                continue
            }
            if runStart == lineStart {
                leadingSpaces = spacesEnd - lineStart
                leadingTab = spacesEnd < index ? spacesEnd : nil
            } else if onlyBlanksBefore(runStart) {
                // Blanks at the line's start were consumed with the previous token (a plain or
                // block scalar looks at the next line's indentation to know where it ends).
                let position = min(endOfSpaces(from: lineStart), index)
                leadingSpaces = position - lineStart
                leadingTab = position < index ? position : nil
            } else {
                // After `- `, `? ` or `: ` on the same line, a tab before a nested block
                // collection would also act as its indentation.
                leadingTab = spacesEnd < index ? spacesEnd : nil
            }
            return
        }
    }

    /// Advances over spaces, eight at a time where it can (indentation is most of a template's
    /// bytes); returns where they end. Spaces are ASCII, so the caller counts the columns.
    @inline(__always)
    private mutating func skipSpaces() -> Int {
        index = endOfSpaces(from: index)
        return index
    }

    /// The offset of the first byte from `start` on that is not a space (or the end of input).
    @inline(__always)
    private func endOfSpaces(from start: Int) -> Int {
        var position = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            while position &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                let different = word ^ 0x2020_2020_2020_2020
                if different != 0 { return position &+ different.trailingZeroBitCount >> 3 }
                position &+= 8
            }
        }
        while position < count && buffer[position] == 0x20 { position += 1 }
        return position
    }

    /// Whether only blanks come before `offset` on the current line: the line has no token yet.
    /// Tokens do not end in blanks, so this looks back one byte unless the line starts blank.
    private func onlyBlanksBefore(_ offset: Int) -> Bool {
        var position = offset
        while position > lineStart && YAMLScanner.isBlank(buffer[position - 1]) { position -= 1 }
        return position == lineStart
    }

    mutating func scanComment() {
        let start = index
        while index < buffer.count && !YAMLScanner.isBreak(buffer[index]) { index += 1 }
        comments.append(Comment(range: ByteRange(start: start, end: index), text: text(start + 1, index)))
    }

    /// Flow content continuing on a new line must still be indented deeper than the block it sits in.
    @inline(__always)
    private mutating func checkFlowIndentation() throws(ParseError) {
        guard flowLevel > 0, let spaces = leadingSpaces, index < buffer.count else { return }
        // A closing bracket lined up with its parent key (`key: [` ... `]`) is outside the spec but
        // common in hand-written configs and accepted by libyaml; other content must be deeper.
        let byte = buffer[index]
        let closing = byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
        if spaces < indent || (spaces == indent && !closing) {
            if let tab = leadingTab {
                throw ParseError("tab characters must not be used for indentation", at: tab, length: 1)
            }
            throw ParseError(
                "flow collection content must be indented more than the enclosing block (\(indent) spaces)",
                at: index, length: 1)
        }
    }

    @inline(__always)
    private mutating func unwindIndent(_ column: Int) {
        if flowLevel > 0 { return }
        while indent > column {
            append(YAMLToken(.blockEnd, start: index, end: index))
            indent = indents.popLast() ?? -1
        }
    }

    private mutating func addIndent(_ column: Int) -> Bool {
        if indent < column {
            indents.append(indent)
            indent = column
            return true
        }
        return false
    }

    // MARK: - Simple keys

    private mutating func staleSimpleKeys() {
        for level in 0...flowLevel {
            if let key = simpleKeys[level], key.line != line || index > key.index + 1024, !key.required {
                simpleKeys[level] = nil
            }
        }
    }

    @inline(__always)
    private mutating func staleSimpleKeysChecked() throws(ParseError) {
        if flowLevel == 0 && simpleKeys[0] == nil { return }  // block context without a pending key
        // Levels above the current one were cleared when their collections closed.
        for level in 0...flowLevel {
            guard let key = simpleKeys[level] else { continue }
            if key.line != line || index > key.index + 1024 {
                if key.required {
                    throw ParseError("could not find the expected ':' after this implicit key", at: key.index, length: 1)
                }
                simpleKeys[level] = nil
            }
        }
    }

    @inline(__always)
    private mutating func saveSimpleKey() throws(ParseError) {
        let required = flowLevel == 0 && indent == column
        if allowSimpleKey {
            try removeSimpleKey()
            simpleKeys[flowLevel] = SimpleKey(
                tokenNumber: tokensTaken + (queue.count - head), required: required, index: index, line: line,
                column: column, tabOffset: leadingTab)
        }
    }

    @inline(__always)
    private mutating func removeSimpleKey() throws(ParseError) {
        if let key = simpleKeys[flowLevel], key.required {
            throw ParseError("could not find the expected ':' after this implicit key", at: key.index, length: 1)
        }
        simpleKeys[flowLevel] = nil
    }

    private func tabIndentationError(_ offset: Int) -> ParseError {
        ParseError("tab characters must not be used for indentation", at: offset, length: 1)
    }

    // MARK: - Indicators

    private mutating func fetchStreamEnd() {
        unwindIndent(-1)
        simpleKeys[flowLevel] = nil
        allowSimpleKey = false
        append(YAMLToken(.streamEnd, start: index, end: index))
        done = true
    }

    private mutating func fetchDocumentIndicator(_ kind: YAMLTokenKind) throws(ParseError) {
        if flowLevel > 0 {
            throw ParseError("document marker inside a flow collection; close it first", at: index, length: 3)
        }
        unwindIndent(-1)
        try removeSimpleKey()
        allowSimpleKey = false
        let start = index
        forward(3)
        append(YAMLToken(kind, start: start, end: index))
        if kind == .documentEnd {
            while YAMLScanner.isBlank(peek()) { forward() }
            let byte = peek()
            if byte != UInt8(ascii: "#") && !YAMLScanner.isBreak(byte) && index < buffer.count {
                throw ParseError("unexpected content after the document end marker '...'", at: index, length: 1)
            }
        }
    }

    private mutating func fetchFlowCollectionStart(_ kind: YAMLTokenKind) throws(ParseError) {
        try saveSimpleKey()
        if flowLevel >= limits.maxDepth {
            throw ParseError("nesting is deeper than the limit of \(limits.maxDepth) levels", at: index, length: 1)
        }
        flowLevel += 1
        if simpleKeys.count <= flowLevel { simpleKeys.append(nil) } else { simpleKeys[flowLevel] = nil }
        allowSimpleKey = true
        let start = index
        forward()
        append(YAMLToken(kind, start: start, end: index))
    }

    private mutating func fetchFlowCollectionEnd(_ kind: YAMLTokenKind) throws(ParseError) {
        try removeSimpleKey()
        if flowLevel > 0 {
            simpleKeys[flowLevel] = nil
            flowLevel -= 1
        }
        allowSimpleKey = false
        let start = index
        forward()
        append(YAMLToken(kind, start: start, end: index))
    }

    private mutating func fetchFlowEntry() {
        allowSimpleKey = true
        simpleKeys[flowLevel] = nil
        let start = index
        forward()
        append(YAMLToken(.flowEntry, start: start, end: index))
    }

    private mutating func fetchBlockEntry() throws(ParseError) {
        if flowLevel == 0 {
            if !allowSimpleKey {
                throw ParseError("a sequence entry '-' is not allowed here", at: index, length: 1)
            }
            if let tab = leadingTab { throw tabIndentationError(tab) }
            if addIndent(column) {
                append(YAMLToken(.blockSequenceStart, start: index, end: index))
            }
        } else {
            throw ParseError("a block sequence entry '-' is not allowed inside a flow collection", at: index, length: 1)
        }
        allowSimpleKey = true
        try removeSimpleKey()
        let start = index
        forward()
        append(YAMLToken(.blockEntry, start: start, end: index))
    }

    private mutating func fetchKey() throws(ParseError) {
        if flowLevel == 0 {
            if !allowSimpleKey {
                throw ParseError("a mapping key '?' is not allowed here", at: index, length: 1)
            }
            if let tab = leadingTab { throw tabIndentationError(tab) }
            if addIndent(column) {
                append(YAMLToken(.blockMappingStart, start: index, end: index))
            }
        }
        allowSimpleKey = flowLevel == 0
        try removeSimpleKey()
        let start = index
        forward()
        append(YAMLToken(.key, start: start, end: index))
    }

    private mutating func fetchValue() throws(ParseError) {
        if let key = simpleKeys[flowLevel] {
            simpleKeys[flowLevel] = nil
            let position = key.tokenNumber - tokensTaken + head
            guard position >= head && position <= queue.count else {
                throw ParseError("internal error: lost track of an implicit key", at: key.index)
            }
            insertToken(YAMLToken(.key, start: key.index, end: key.index), at: position)
            if flowLevel == 0 {
                if let tab = key.tabOffset { throw tabIndentationError(tab) }
                if addIndent(key.column) {
                    insertToken(YAMLToken(.blockMappingStart, start: key.index, end: key.index), at: position)
                }
            }
            allowSimpleKey = false
        } else {
            if flowLevel == 0 {
                if !allowSimpleKey {
                    throw ParseError("mapping values are not allowed here", at: index, length: 1)
                }
                if let tab = leadingTab { throw tabIndentationError(tab) }
                if addIndent(column) {
                    append(YAMLToken(.blockMappingStart, start: index, end: index))
                }
            }
            allowSimpleKey = flowLevel == 0
            try removeSimpleKey()
        }
        let start = index
        forward()
        append(YAMLToken(.value, start: start, end: index))
    }

    // MARK: - Directives

    private mutating func fetchDirective() throws(ParseError) {
        unwindIndent(-1)
        try removeSimpleKey()
        allowSimpleKey = false
        let start = index
        forward()
        let nameStart = index
        while !YAMLScanner.isBlankOrEnd(peek()) { forward() }
        let name = text(nameStart, index)
        if name.isEmpty {
            throw ParseError("expected a directive name after '%'", at: index, length: 1)
        }
        var token = YAMLToken(.reservedDirective, start: start, end: index)
        var parameters: [String] = []
        while true {
            while YAMLScanner.isBlank(peek()) { forward() }
            let byte = peek()
            if byte == UInt8(ascii: "#") || YAMLScanner.isBreak(byte) || index >= buffer.count { break }
            let parameterStart = index
            while !YAMLScanner.isBlankOrEnd(peek()) { forward() }
            parameters.append(text(parameterStart, index))
        }
        if peek() == UInt8(ascii: "#") {
            if !YAMLScanner.isBlank(buffer[index - 1]) {
                throw ParseError("a comment must be separated from the preceding content by a space", at: index, length: 1)
            }
            scanComment()
        }
        token.end = index
        if name == "YAML" {
            guard parameters.count == 1 else {
                throw ParseError("the %YAML directive needs exactly one version number, such as '%YAML 1.2'", at: start, length: index - start)
            }
            let version = parameters[0].split(separator: ".", omittingEmptySubsequences: false)
            guard version.count == 2, version.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
                throw ParseError("invalid YAML version '\(parameters[0])'", at: start, length: index - start)
            }
            if version[0] != "1" {
                throw ParseError("unsupported YAML version \(parameters[0]); this parser reads YAML 1.x", at: start, length: index - start)
            }
            token.kind = .versionDirective
            token.value = keep(parameters[0])
        } else if name == "TAG" {
            guard parameters.count == 2 else {
                throw ParseError("the %TAG directive needs a handle and a prefix, such as '%TAG !e! tag:example.com,2000:'", at: start, length: index - start)
            }
            let handle = parameters[0]
            guard handle.hasPrefix("!"), handle.hasSuffix("!") else {
                throw ParseError("invalid tag handle '\(handle)'; a handle is '!', '!!' or '!name!'", at: start, length: index - start)
            }
            token.kind = .tagDirective
            token.value = keep(handle)
            token.extra = keep(parameters[1])
        }
        append(token)
    }

    // MARK: - Anchors, aliases, tags

    private mutating func fetchAnchorOrAlias(_ kind: YAMLTokenKind) throws(ParseError) {
        try saveSimpleKey()
        allowSimpleKey = false
        let start = index
        forward()
        let nameStart = index
        while index < buffer.count {
            let byte = buffer[index]
            if YAMLScanner.isBlankOrEnd(byte) || YAMLScanner.isFlowIndicator(byte) { break }
            forward()
        }
        if index == nameStart {
            let what = kind == .alias ? "an alias name after '*'" : "an anchor name after '&'"
            throw ParseError("expected \(what)", at: index, length: 1)
        }
        var token = YAMLToken(kind, start: start, end: index)
        token.value = .slice(start: nameStart, end: index)
        append(token)
    }

    private mutating func fetchTag() throws(ParseError) {
        try saveSimpleKey()
        allowSimpleKey = false
        let start = index
        var handle = YAMLTokenText.none
        var suffix = YAMLTokenText.none
        if peek(1) == UInt8(ascii: "<") {
            forward(2)
            let suffixStart = index
            while index < buffer.count && peek() != UInt8(ascii: ">") && !YAMLScanner.isBlankOrEnd(peek()) { forward() }
            guard peek() == UInt8(ascii: ">"), index > suffixStart else {
                throw ParseError("expected '>' to close the verbatim tag", at: index, length: 1)
            }
            suffix = .slice(start: suffixStart, end: index)
            forward()
        } else {
            // Find the end of the handle: `!`, `!!` or `!name!`.
            var length = 1
            var hasSecondBang = false
            while true {
                let byte = peek(length)
                if YAMLScanner.isBlankOrEnd(byte) || (flowLevel > 0 && YAMLScanner.isFlowIndicator(byte)) { break }
                if byte == UInt8(ascii: "!") {
                    hasSecondBang = true
                    break
                }
                length += 1
            }
            if hasSecondBang {
                handle = .slice(start: index, end: index + length + 1)
                forward(length + 1)
            } else {
                handle = .slice(start: index, end: index + 1)  // the lone `!`
                forward()
            }
            let suffixStart = index
            while index < buffer.count {
                let byte = buffer[index]
                if YAMLScanner.isBlankOrEnd(byte) || YAMLScanner.isFlowIndicator(byte) { break }
                if byte == UInt8(ascii: "!") {
                    throw ParseError("unexpected '!' in a tag", at: index, length: 1)
                }
                forward()
            }
            suffix = .slice(start: suffixStart, end: index)
            if suffixStart == index && hasSecondBang {
                throw ParseError("expected a tag suffix after the handle '\(string(handle))'", at: index, length: 1)
            }
        }
        let byte = peek()
        if !(YAMLScanner.isBlankOrEnd(byte) || (flowLevel > 0 && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")))) {
            throw ParseError("expected a space after the tag, found \(describe(at: index))", at: index, length: 1)
        }
        var token = YAMLToken(.tag, start: start, end: index)
        token.value = handle
        token.extra = suffix
        append(token)
    }

    // MARK: - Scalars

    private mutating func fetchQuoted() throws(ParseError) {
        try saveSimpleKey()
        allowSimpleKey = false
        let token = try scanQuoted()
        append(token)
    }

    @inline(__always)
    private mutating func fetchPlain() throws(ParseError) {
        try saveSimpleKey()
        allowSimpleKey = false
        append(try scanPlain())
    }

    private mutating func fetchBlockScalar() throws(ParseError) {
        allowSimpleKey = true
        try removeSimpleKey()
        append(try scanBlockScalar())
    }

    /// Inlined, as every scalar is checked; the error is built out of line.
    @inline(__always)
    private func checkLength(_ count: Int, start: Int) throws(ParseError) {
        if count > limits.maxStringLength { throw tooLong(at: start) }
    }

    @inline(never)
    private func tooLong(at start: Int) -> ParseError {
        ParseError("scalar is longer than the limit of \(limits.maxStringLength) bytes", at: start, length: 1)
    }

    private static var blockPlainStops: UInt64 {
        1 << 0x00 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20 | 1 << UInt64(UInt8(ascii: ":"))
    }
    private static var flowPlainStops: UInt64 { blockPlainStops | 1 << UInt64(UInt8(ascii: ",")) }

    /// The high bit of each of the eight bytes of `word` (first byte lowest) that may end a plain
    /// scalar's chunk in block context or needs counting: a byte up to the space (blanks, line
    /// breaks; the other control bytes were rejected before scanning), a colon, or a non-ASCII
    /// byte.
    @inline(__always)
    static func blockPlainAttention(_ word: UInt64) -> UInt64 {
        WordBytes.asciiBelow(word, 0x21) | WordBytes.equal(word, UInt8(ascii: ":")) | WordBytes.nonASCII(word)
    }

    private mutating func scanPlain() throws(ParseError) -> YAMLToken {
        let start = index
        var end = index
        let minIndent = indent + 1
        // Most plain scalars are one line: take a slice of the input and only build a buffer
        // when the scalar folds across lines.
        var folded: [UInt8] = []
        var isFolded = false
        var pendingSpaces: (Int, Int) = (0, 0)  // blanks between chunks on one line
        var pendingBreaks = 0
        var hasPending = false
        // Bytes below 0x40 that may end a chunk: blanks, breaks, the end (0), ':' (if a value
        // indicator follows) and, in flow context, ','. The other flow indicators are above 0x40.
        let inFlow = flowLevel > 0
        let stops = inFlow ? YAMLScanner.flowPlainStops : YAMLScanner.blockPlainStops
        while true {
            if peek() == UInt8(ascii: "#") { break }
            let chunkStart = index
            var continuationBytes = 0
            while index < buffer.count {
                // In block context, eight bytes at a time while none is a blank, a line break, a
                // colon or non-ASCII; flow context also stops at its indicators, byte by byte.
                if !inFlow, let base = buffer.baseAddress, index &+ 8 <= buffer.count {
                    let flags = YAMLScanner.blockPlainAttention(
                        UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
                    if flags == 0 {
                        index &+= 8
                        continue
                    }
                    index &+= flags.trailingZeroBitCount >> 3
                }
                let byte = buffer[index]
                if byte < 0x40 {
                    if (stops >> UInt64(byte)) & 1 != 0 {
                        guard byte == UInt8(ascii: ":") else { break }
                        let next = peek(1)
                        if YAMLScanner.isBlankOrEnd(next) || (inFlow && YAMLScanner.isFlowIndicator(next)) { break }
                    }
                } else if byte >= 0x80 {
                    if byte & 0xC0 == 0x80 { continuationBytes += 1 }
                } else if inFlow && YAMLScanner.isFlowIndicator(byte) {
                    break
                }
                index += 1
            }
            column += index - chunkStart - continuationBytes
            if index == chunkStart { break }
            if hasPending {
                if !isFolded {
                    isFolded = true
                    folded.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end]))
                }
                if pendingBreaks == 0 {
                    folded.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[pendingSpaces.0..<pendingSpaces.1]))
                } else if pendingBreaks == 1 {
                    folded.append(0x20)
                } else {
                    folded.append(contentsOf: repeatElement(0x0A, count: pendingBreaks - 1))
                }
                folded.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[chunkStart..<index]))
                try checkLength(folded.count, start: start)
            }
            end = index
            hasPending = false
            // Blanks and line breaks up to the next chunk.
            let spacesStart = index
            while YAMLScanner.isBlank(peek()) { forward() }
            let spacesEnd = index
            if YAMLScanner.isBreak(peek()) {
                var breaks = 0
                var stop = false
                while true {
                    if YAMLScanner.isBreak(peek()) {
                        consumeLineBreak()
                        breaks += 1
                        allowSimpleKey = true
                        if isDocumentMarker(UInt8(ascii: "-")) || isDocumentMarker(UInt8(ascii: ".")) {
                            stop = true
                            break
                        }
                    } else if peek() == 0x20 {
                        // The next line's indentation, which decides whether the scalar goes on.
                        let spacesStart = index
                        column += skipSpaces() - spacesStart
                    } else if peek() == 0x09 {
                        if flowLevel == 0 && column < minIndent && !onlyBlanksToLineEnd() {
                            // a tab where the continuation's indentation should be
                            stop = true
                            break
                        }
                        forward()
                    } else {
                        break
                    }
                }
                if stop { break }
                pendingBreaks = breaks
                hasPending = true
                if flowLevel == 0 && column < minIndent { break }
                if flowLevel > 0 && index < buffer.count
                    && (column < indent || (column == indent && peek() != UInt8(ascii: "]") && peek() != UInt8(ascii: "}")))
                {
                    throw ParseError(
                        "flow collection content must be indented more than the enclosing block", at: index, length: 1)
                }
            } else if spacesEnd > spacesStart {
                pendingSpaces = (spacesStart, spacesEnd)
                pendingBreaks = 0
                hasPending = true
            } else {
                break
            }
        }
        var token = YAMLToken(.scalar, start: start, end: end)
        if isFolded {
            token.value = keep(folded)
        } else {
            try checkLength(end - start, start: start)
            token.value = .slice(start: start, end: end)
        }
        token.style = .plain
        return token
    }

    private func onlyBlanksToLineEnd() -> Bool {
        var position = index
        while position < buffer.count {
            let byte = buffer[position]
            if YAMLScanner.isBreak(byte) { return true }
            if !YAMLScanner.isBlank(byte) { return false }
            position += 1
        }
        return true
    }

    private mutating func scanQuoted() throws(ParseError) -> YAMLToken {
        let start = index
        let quote = peek()
        let double = quote == UInt8(ascii: "\"")
        forward()
        // Fast path: a one-line scalar without escapes is a slice of the input. Its bytes are
        // probed eight at a time while they hold no quote, backslash, control byte or non-ASCII
        // byte; the flagged byte is looked at alone, counting UTF-8 continuation bytes, which
        // take no column.
        let count = buffer.count
        var probe = index
        var continuationBytes = 0
        while probe < count {
            if let base = buffer.baseAddress, probe &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + probe).loadUnaligned(as: UInt64.self))
                let flags = ByteSearch.quotedStringAttention(word, quote: quote)
                if flags == 0 {
                    probe &+= 8
                    continue
                }
                probe &+= flags.trailingZeroBitCount >> 3
            }
            let byte = buffer[probe]
            if byte == quote || byte == UInt8(ascii: "\\") || YAMLScanner.isBreak(byte) { break }
            if byte & 0xC0 == 0x80 { continuationBytes += 1 }
            probe += 1
        }
        if probe < count && buffer[probe] == quote && (double || probe + 1 >= count || buffer[probe + 1] != quote) {
            let contentStart = index
            column += probe - index - continuationBytes
            index = probe
            forward()
            try checkLength(probe - contentStart, start: start)
            var token = YAMLToken(.scalar, start: start, end: index)
            token.value = .slice(start: contentStart, end: probe)
            token.style = double ? .doubleQuoted : .singleQuoted
            return token
        }
        var out: [UInt8] = []
        swap(&out, &scratch)
        out.removeAll(keepingCapacity: true)
        defer { swap(&out, &scratch) }
        while true {
            guard index < buffer.count else {
                throw ParseError(
                    double ? "unterminated double-quoted string" : "unterminated single-quoted string", at: start,
                    length: 1)
            }
            let byte = buffer[index]
            if byte == quote {
                if !double && peek(1) == quote {
                    out.append(quote)
                    forward(2)
                    continue
                }
                forward()
                break
            }
            if double && byte == UInt8(ascii: "\\") {
                if YAMLScanner.isBreak(peek(1)) {
                    forward()
                    consumeLineBreak()
                    try skipQuotedLinePrefix(start: start, double: double)
                    continue
                }
                try appendEscape(into: &out)
                continue
            }
            if YAMLScanner.isBlank(byte) || YAMLScanner.isBreak(byte) {
                let blanksStart = index
                while YAMLScanner.isBlank(peek()) { forward() }
                if YAMLScanner.isBreak(peek()) {
                    // Trailing blanks of a line are dropped; the break folds.
                    var breaks = 0
                    while YAMLScanner.isBreak(peek()) {
                        consumeLineBreak()
                        breaks += 1
                        try skipQuotedLinePrefix(start: start, double: double)
                    }
                    if breaks == 1 {
                        out.append(0x20)
                    } else {
                        out.append(contentsOf: repeatElement(0x0A, count: breaks - 1))
                    }
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[blanksStart..<index]))
                }
                continue
            }
            out.append(byte)
            index += 1
            if byte & 0xC0 != 0x80 { column += 1 }
            if out.count > limits.maxStringLength { try checkLength(out.count, start: start) }
        }
        var token = YAMLToken(.scalar, start: start, end: index)
        token.value = keep(out)
        token.style = double ? .doubleQuoted : .singleQuoted
        return token
    }

    /// Skips the indentation of a continuation line inside a quoted scalar and checks it.
    private mutating func skipQuotedLinePrefix(start: Int, double: Bool) throws(ParseError) {
        if column == 0 && (isDocumentMarker(UInt8(ascii: "-")) || isDocumentMarker(UInt8(ascii: "."))) {
            throw ParseError(
                double ? "unterminated double-quoted string" : "unterminated single-quoted string", at: start,
                length: 1)
        }
        var spaces = 0
        while peek() == 0x20 {
            forward()
            spaces += 1
        }
        let tab: Int? = peek() == 0x09 ? index : nil
        while YAMLScanner.isBlank(peek()) { forward() }
        if index < buffer.count && !YAMLScanner.isBreak(peek()) && spaces <= indent {
            let quote = buffer[start]
            if !UnsafeBufferPointer(rebasing: buffer[index...]).contains(quote) {
                // No closing quote anywhere: the real problem is the missing quote, not this line.
                throw ParseError(
                    double ? "unterminated double-quoted string" : "unterminated single-quoted string", at: start,
                    length: 1)
            }
            if let tab { throw tabIndentationError(tab) }
            throw ParseError(
                "continuation line of a quoted scalar must be indented more than its parent (\(indent) spaces)",
                at: index, length: 1)
        }
    }

    private mutating func appendEscape(into out: inout [UInt8]) throws(ParseError) {
        let escapeStart = index
        forward()
        let byte = peek()
        var hexDigits = 0
        switch byte {
        case UInt8(ascii: "0"): out.append(0)
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"), 0x09: out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case 0x20: out.append(0x20)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "N"): out.append(contentsOf: [0xC2, 0x85])
        case UInt8(ascii: "_"): out.append(contentsOf: [0xC2, 0xA0])
        case UInt8(ascii: "L"): out.append(contentsOf: [0xE2, 0x80, 0xA8])
        case UInt8(ascii: "P"): out.append(contentsOf: [0xE2, 0x80, 0xA9])
        case UInt8(ascii: "x"): hexDigits = 2
        case UInt8(ascii: "u"): hexDigits = 4
        case UInt8(ascii: "U"): hexDigits = 8
        default:
            throw ParseError("invalid escape sequence '\\\(byte == 0 ? "" : describe(at: index))' in a double-quoted string", at: escapeStart, length: 2)
        }
        forward()
        guard hexDigits > 0 else { return }
        var value: UInt32 = 0
        for _ in 0..<hexDigits {
            let digit = peek()
            let nibble: UInt32
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt32(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt32(digit - UInt8(ascii: "A") + 10)
            default:
                throw ParseError("expected \(hexDigits) hexadecimal digits in the escape sequence", at: escapeStart, length: index - escapeStart + 1)
            }
            value = value << 4 | nibble
            forward()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw ParseError("escape sequence is not a valid Unicode code point", at: escapeStart, length: index - escapeStart)
        }
        UTF8.encode(scalar) { out.append($0) }
    }

    private mutating func scanBlockScalar() throws(ParseError) -> YAMLToken {
        let start = index
        let folded = peek() == UInt8(ascii: ">")
        forward()
        var chomp = 0  // -1 strip, 0 clip, +1 keep
        var chompSet = false
        var increment = 0
        for _ in 0..<2 {
            let byte = peek()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                if chompSet { throw ParseError("repeated chomping indicator in a block scalar header", at: index, length: 1) }
                chompSet = true
                chomp = byte == UInt8(ascii: "+") ? 1 : -1
                forward()
            } else if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
                if increment != 0 { throw ParseError("repeated indentation indicator in a block scalar header", at: index, length: 1) }
                increment = Int(byte - UInt8(ascii: "0"))
                forward()
            } else if byte == UInt8(ascii: "0") {
                throw ParseError("a block scalar indentation indicator must be between 1 and 9", at: index, length: 1)
            } else {
                break
            }
        }
        let headerEnd = index
        while YAMLScanner.isBlank(peek()) { forward() }
        if peek() == UInt8(ascii: "#") {
            if index == headerEnd {
                throw ParseError("a comment must be separated from the preceding content by a space", at: index, length: 1)
            }
            scanComment()
        }
        if index < buffer.count && !YAMLScanner.isBreak(peek()) {
            throw ParseError(
                "expected a comment or a line break after the block scalar header, found \(describe(at: index))",
                at: index, length: 1)
        }
        consumeLineBreak()

        let minIndent = max(indent + 1, 0)
        var blockIndent: Int
        var breaks = 0
        if increment > 0 {
            blockIndent = indent + increment
            breaks = try scanBlockBreaks(blockIndent, start: start)
        } else {
            var maxBlankSpaces = 0
            var maxBlankOffset = index
            while true {
                if peek() == 0x20 {
                    forward()
                } else if YAMLScanner.isBreak(peek()) {
                    if column > maxBlankSpaces {
                        maxBlankSpaces = column
                        maxBlankOffset = index
                    }
                    consumeLineBreak()
                    breaks += 1
                } else {
                    if index >= buffer.count && index > lineStart && lineStart > start { breaks += 1 }
                    break
                }
            }
            if index < buffer.count && column >= minIndent {
                blockIndent = column
                if maxBlankSpaces > column {
                    throw ParseError(
                        "a leading empty line of a block scalar has more spaces than the first content line",
                        at: maxBlankOffset, length: 1)
                }
            } else {
                blockIndent = max(minIndent, 1)
                if index < buffer.count && peek() == 0x09 && column < minIndent {
                    throw tabIndentationError(index)
                }
            }
        }

        var out: [UInt8] = []
        swap(&out, &scratch)
        out.removeAll(keepingCapacity: true)
        defer { swap(&out, &scratch) }
        var lineBreak = false
        var contentEnd = headerEnd
        while column == blockIndent && index < buffer.count {
            if column == 0 && (isDocumentMarker(UInt8(ascii: "-")) || isDocumentMarker(UInt8(ascii: "."))) { break }
            out.append(contentsOf: repeatElement(0x0A, count: breaks))
            let leadingNonSpace = !YAMLScanner.isBlank(peek())
            let lineContentStart = index
            while index < buffer.count && !YAMLScanner.isBreak(buffer[index]) { index += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[lineContentStart..<index]))
            try checkLength(out.count, start: start)
            contentEnd = index
            lineBreak = consumeLineBreak()
            if !lineBreak && onlyBlanks(from: lineContentStart, to: index) {
                // A last line of only spaces ends at the end of file as if by a line break.
                lineBreak = true
            }
            breaks = try scanBlockBreaks(blockIndent, start: start)
            if column == blockIndent && index < buffer.count
                && !(column == 0 && (isDocumentMarker(UInt8(ascii: "-")) || isDocumentMarker(UInt8(ascii: "."))))
            {
                if folded && lineBreak && leadingNonSpace && !YAMLScanner.isBlank(peek()) {
                    if breaks == 0 { out.append(0x20) }
                } else {
                    out.append(0x0A)
                }
            } else {
                break
            }
        }
        if chomp >= 0 && lineBreak { out.append(0x0A) }
        if chomp > 0 { out.append(contentsOf: repeatElement(0x0A, count: breaks)) }
        var token = YAMLToken(.scalar, start: start, end: contentEnd)
        token.value = keep(out)
        token.style = folded ? .folded : .literal
        return token
    }

    /// Consumes empty lines inside a block scalar, up to its indentation; returns how many.
    private mutating func scanBlockBreaks(_ blockIndent: Int, start: Int) throws(ParseError) -> Int {
        var breaks = 0
        while true {
            while column < blockIndent && peek() == 0x20 { forward() }
            if column < blockIndent && peek() == 0x09 && onlyBlanksToLineEnd() {
                throw tabIndentationError(index)
            }
            if YAMLScanner.isBreak(peek()) {
                consumeLineBreak()
                breaks += 1
            } else {
                if index >= buffer.count && index > lineStart && lineStart > start { breaks += 1 }
                return breaks
            }
        }
    }
}
