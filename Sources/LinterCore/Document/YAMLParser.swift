/// A YAML 1.2 parser over UTF-8 bytes that builds positioned `Node` trees for every document and
/// keeps every comment (suppression directives live there).
///
/// Tree conventions:
/// - plain scalars resolve by the core schema; quoted and block scalars are always strings;
/// - local and unknown tags stay `.tagged(tag, node)` (`!Ref`, `!!omap`, expanded `%TAG` prefixes);
///   core tags (`!!str`, `!!int`, `!!map`, ...) are applied and disappear from the tree;
/// - an alias is a copy of its anchored node; the copy's root takes the alias's range, its
///   descendants keep the ranges of the anchored text;
/// - merge keys (`<<: *base`, `<<: [*a, *b]`) are replaced by the merged entries that the mapping
///   does not define itself; duplicate explicit keys are kept.
public struct YAMLParser: Sendable {
    public let limits: ParseLimits

    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    public func parse(_ bytes: [UInt8], keys: KeyTable? = nil) throws(ParseError) -> ParsedFile {
        try parse(bytes, scanningAside: false, keys: keys)
    }

    /// With `scanningAside`, tokens are scanned on a second thread while this one builds the
    /// trees (`YAMLTokenPipe`), or on this one when no thread can be had; the result, error or
    /// not, is the same. `keys` lends the mapping
    /// keys of files parsed before on this thread (see `KeyTable`).
    public func parse(
        _ bytes: [UInt8], scanningAside: Bool, batchSize: Int = 1024, keys: KeyTable? = nil
    ) throws(ParseError) -> ParsedFile {
        try bytes.withUnsafeBufferPointer { buffer throws(ParseError) -> ParsedFile in
            try YAMLParser.validateEncoding(buffer)
            if scanningAside,
                let (documents, comments) = try YAMLTokenPipe.withPipe(from: buffer, limits: limits, batchSize: batchSize, {
                    pipe throws(ParseError) -> [Node] in
                    var builder = YAMLTreeBuilder(tokens: pipe, limits: limits, keys: keys)
                    return try builder.parseStream()
                })
            {
                return ParsedFile(documents: documents, comments: comments)
            }
            var builder = YAMLTreeBuilder(tokens: YAMLScanner(buffer: buffer, limits: limits), limits: limits, keys: keys)
            let documents = try builder.parseStream()
            return ParsedFile(documents: documents, comments: builder.tokens.comments)
        }
    }

    public func parse(_ text: String) throws(ParseError) -> ParsedFile {
        try parse(Array(text.utf8))
    }

    /// Rejects UTF-16/32 input, invalid UTF-8 and control characters YAML does not allow, so the
    /// scanner can treat byte 0 as end of input and never sees malformed sequences.
    static func validateEncoding(_ buffer: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        let count = buffer.count
        if count >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)) {
            throw ParseError("unsupported encoding: UTF-16 (save the file as UTF-8)", at: 0, length: 2)
        }
        if count >= 2 && buffer[0] == 0 && buffer[1] != 0 {
            throw ParseError("unsupported encoding: UTF-16 (save the file as UTF-8)", at: 0, length: 2)
        }
        var index = 0
        while index < count {
            // Eight printable ASCII bytes or line feeds at a time; a word holding anything else is
            // checked byte by byte.
            if index &+ 8 <= count,
                isPrintableASCIIOrLineFeed(UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self))
            {
                index &+= 8
                continue
            }
            let stop = min(index + 8, count)
            while index < stop {
                let byte = buffer[index]
                if byte >= 0x20 && byte < 0x7F || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    index += 1
                    continue
                }
                if byte < 0x80 {
                    let name = byte == 0x7F ? "DEL" : "0x" + String(byte, radix: 16, uppercase: true)
                    throw ParseError("control character \(name) is not allowed in YAML; escape it in a double-quoted string", at: index, length: 1)
                }
                index += try JSONCursor.validUTF8SequenceLength(buffer, at: index)
            }
        }
    }

    /// Whether each of the eight bytes is in 0x20...0x7E or a line feed. Line feeds pass too: a
    /// line ends every few words, and a test for printable bytes alone would send about a fifth
    /// of the words down the byte-by-byte path. (`SIMD16` compares compile to byte-by-byte code
    /// here, ten times slower.)
    @inline(__always)
    static func isPrintableASCIIOrLineFeed(_ word: UInt64) -> Bool {
        let controls = WordBytes.asciiBelow(word, 0x20) & ~WordBytes.equal(word, 0x0A)
        return WordBytes.nonASCIIOrDelete(word) | controls == 0
    }
}

struct YAMLTreeBuilder<Tokens: YAMLTokenSource> {
    var tokens: Tokens
    let limits: ParseLimits
    let keys: KeyTable?
    private var anchors: [String: (node: Node, size: Int, height: Int)] = [:]
    private var tagHandles: [String: String] = [:]
    /// The primary handle `!` still means `!` (no `%TAG !` directive redefined it).
    private var primaryHandleIsLocal = true
    private var producedNodes = 0
    private var expandedNodes = 0
    private var depth = 0
    /// Members of the collections being built (see `ScratchStack`).
    private let entryStack = ScratchStack<Entry>()
    private let elementStack = ScratchStack<Node>()
    /// The deepest nesting reached inside the node being parsed, so an anchor knows how many levels
    /// its aliases add: a chain of aliases must not build a tree deeper than `maxDepth`.
    private var deepest = 0

    init(tokens: Tokens, limits: ParseLimits, keys: KeyTable? = nil) {
        self.tokens = tokens
        self.limits = limits
        self.keys = keys
    }

    private static var coreTagPrefix: String { "tag:yaml.org,2002:" }

    // MARK: - Stream and documents

    mutating func parseStream() throws(ParseError) -> [Node] {
        _ = try tokens.nextToken()  // stream start
        var documents: [Node] = []
        var directivesAllowed = true
        while true {
            while try tokens.peekKind() == .documentEnd {
                try tokens.nextToken()
                directivesAllowed = true
            }
            var token = try tokens.peekToken()
            if token.kind == .streamEnd { break }

            tagHandles = ["!": "!", "!!": YAMLTreeBuilder.coreTagPrefix]
            primaryHandleIsLocal = true
            var sawDirective = false
            var sawVersion = false
            while token.kind == .versionDirective || token.kind == .tagDirective || token.kind == .reservedDirective {
                if !directivesAllowed {
                    throw ParseError(
                        "a directive after a document needs a '...' document end marker before it", at: token.start,
                        length: 1)
                }
                if token.kind == .versionDirective {
                    if sawVersion {
                        throw ParseError("duplicate %YAML directive in one document", at: token.start, length: 1)
                    }
                    sawVersion = true
                } else if token.kind == .tagDirective {
                    let handle = tokens.string(token.value)
                    if sawDirective && tagHandles[handle] != nil && handle != "!" && handle != "!!" {
                        throw ParseError("duplicate %TAG directive for '\(handle)'", at: token.start, length: 1)
                    }
                    tagHandles[handle] = tokens.string(token.extra)
                }
                primaryHandleIsLocal = tagHandles["!"] == "!"
                sawDirective = true
                try tokens.nextToken()
                token = try tokens.peekToken()
            }
            if documents.count >= limits.maxDocuments {
                throw ParseError("the file has more than the limit of \(limits.maxDocuments) documents", at: token.start, length: 1)
            }
            anchors.removeAll(keepingCapacity: true)
            let root: Node
            if token.kind == .documentStart {
                try tokens.nextToken()
                switch try tokens.peekKind() {
                case .documentStart, .documentEnd, .streamEnd, .versionDirective, .tagDirective, .reservedDirective:
                    root = Node(.null, range: .point(token.end))
                default:
                    root = try parseNode(block: true, indentlessSequence: false)
                }
            } else {
                if sawDirective {
                    throw ParseError("expected '---' after the directives", at: token.start, length: 1)
                }
                root = try parseNode(block: true, indentlessSequence: false)
            }
            documents.append(root)
            let next = try tokens.peekToken()
            switch next.kind {
            case .documentEnd:
                directivesAllowed = true
            case .documentStart, .streamEnd:
                directivesAllowed = false
            default:
                throw unexpected(next, expected: "the end of the document")
            }
        }
        return documents
    }

    private func unexpected(_ token: YAMLToken, expected: String) -> ParseError {
        var found = token.kind.displayName
        if token.kind == .scalar {
            let value = tokens.string(token.value)
            let preview = value.count > 20 ? String(value.prefix(20)) + "…" : value
            found = "'\(preview)'"
        }
        var hint = ""
        if token.kind == .blockMappingStart || token.kind == .blockSequenceStart || token.kind == .scalar
            || token.kind == .key || token.kind == .blockEntry
        {
            hint = " (check the indentation)"
        }
        return ParseError("expected \(expected), found \(found)\(hint)", at: token.start, length: max(1, token.end - token.start))
    }

    // MARK: - Nodes

    private mutating func enter(at offset: Int) throws(ParseError) {
        depth += 1
        if depth > limits.maxDepth {
            throw ParseError("nesting is deeper than the limit of \(limits.maxDepth) levels", at: offset, length: 1)
        }
        deepest = max(deepest, depth)
    }

    private mutating func empty(at offset: Int) -> Node {
        producedNodes += 1
        return Node(.null, range: .point(offset))
    }

    private mutating func parseNode(block: Bool, indentlessSequence: Bool, isKey: Bool = false) throws(ParseError) -> Node {
        var kind = try tokens.peekKind()
        if kind == .alias {
            return try expandAlias(try tokens.nextToken())
        }
        var anchor: YAMLToken?
        var tag: YAMLToken?
        var propertiesEnd = 0
        while kind == .anchor || kind == .tag {
            let token = try tokens.nextToken()
            if kind == .anchor {
                if anchor != nil { throw ParseError("a node can have only one anchor", at: token.start, length: token.end - token.start) }
                anchor = token
            } else {
                if tag != nil { throw ParseError("a node can have only one tag", at: token.start, length: token.end - token.start) }
                tag = token
            }
            propertiesEnd = token.end
            kind = try tokens.peekKind()
        }
        let countBefore = producedNodes
        let deepestOutside = deepest
        deepest = depth
        defer { deepest = max(deepest, deepestOutside) }
        var node: Node
        var scalar: (text: String, style: ScalarStyle)? = nil
        switch kind {
        case .blockEntry where indentlessSequence:
            node = try parseIndentlessSequence()
        case .scalar:
            let token = try tokens.nextToken()
            producedNodes += 1
            let range = ByteRange(start: token.start, end: token.end)
            // Quoted, block and tagged scalars are strings; so is a plain scalar whose first byte
            // no null, boolean or number starts with (most start with a letter).
            let isString = token.style != .plain || tag != nil
                || YAMLCoreSchema.isString(plainStartingWith: tokens.firstByte(of: token.value))
            if isKey, isString, tag == nil, let keys {
                node = Node(.string(tokens.keyString(token.value, sharingFrom: keys), token.style), range: range)
                break
            }
            let value = tokens.string(token.value)
            if tag != nil { scalar = (value, token.style) }
            node = Node(isString ? .string(value, token.style) : YAMLCoreSchema.resolvePlain(value), range: range)
        case .flowSequenceStart:
            node = try parseFlowSequence()
        case .flowMappingStart:
            node = try parseFlowMapping()
        case .blockSequenceStart where block:
            node = try parseBlockSequence()
        case .blockMappingStart where block:
            node = try parseBlockMapping()
        default:
            let token = try tokens.peekToken()
            if kind == .alias {
                throw ParseError("an alias cannot have an anchor or a tag", at: token.start, length: token.end - token.start)
            }
            if anchor == nil && tag == nil {
                throw unexpected(token, expected: "a value")
            }
            producedNodes += 1
            if tag != nil {
                scalar = ("", .plain)
                node = Node(.string("", .plain), range: .point(propertiesEnd))
            } else {
                node = Node(.null, range: .point(propertiesEnd))
            }
        }
        if let tag {
            node = try applyTag(tag, to: node, scalar: scalar)
        }
        if let anchor {
            anchors[tokens.string(anchor.value)] = (node, max(1, producedNodes - countBefore), deepest - depth)
        }
        return node
    }

    private mutating func expandAlias(_ token: YAMLToken) throws(ParseError) -> Node {
        let name = tokens.string(token.value)
        guard let anchored = anchors[name] else {
            throw ParseError("undefined alias '\(name)'", at: token.start, length: token.end - token.start)
        }
        expandedNodes += anchored.size
        producedNodes += anchored.size
        if expandedNodes > limits.maxAliasExpansion {
            throw ParseError(
                "alias expansion exceeds the limit of \(limits.maxAliasExpansion) nodes (billion laughs?)",
                at: token.start, length: token.end - token.start)
        }
        if depth + anchored.height > limits.maxDepth {
            throw ParseError(
                "nesting is deeper than the limit of \(limits.maxDepth) levels (through alias '\(name)')",
                at: token.start, length: token.end - token.start)
        }
        deepest = max(deepest, depth + anchored.height)
        var copy = anchored.node
        copy.range = ByteRange(start: token.start, end: token.end)
        return copy
    }

    private mutating func applyTag(_ tag: YAMLToken, to node: Node, scalar: (text: String, style: ScalarStyle)?) throws(ParseError) -> Node {
        let range = ByteRange(start: tag.start, end: max(tag.end, node.range.end))
        // `!Ref`, `!Sub`, `!GetAtt`: the CloudFormation short forms, tens of thousands in a large
        // template. With the primary handle meaning `!` and the suffix written right after it
        // without escapes, the tag is its own source text and no core tag, so the handle's lookup
        // and the concatenations below would only rebuild that text.
        if primaryHandleIsLocal, case .slice(let handleStart, let handleEnd) = tag.value, handleEnd == handleStart + 1,
            case .slice(let suffixStart, let suffixEnd) = tag.extra, suffixStart == handleEnd, suffixEnd > suffixStart
        {
            return localTagged(tokens.string(.slice(start: handleStart, end: suffixEnd)), node, scalar: scalar, range: range)
        }
        let handle = tokens.string(tag.value)
        let suffix = tokens.string(tag.extra)
        let fullTag: String
        let displayName: String
        if handle.isEmpty {
            fullTag = suffix
            displayName = fullTag
        } else {
            guard let prefix = tagHandles[handle] else {
                throw ParseError("undefined tag handle '\(handle)'; declare it with a %TAG directive", at: tag.start, length: tag.end - tag.start)
            }
            fullTag = prefix + suffix
            if handle == "!" && prefix == "!" {
                displayName = fullTag
            } else if handle == "!!" && prefix == YAMLTreeBuilder.coreTagPrefix {
                displayName = "!!" + suffix
            } else {
                displayName = fullTag
            }
        }
        if fullTag == "!" {
            // The non-specific tag only says "not resolved by the schema": a scalar stays a string.
            if let scalar { return Node(.string(scalar.text, scalar.style), range: range) }
            return Node(node.kind, range: range)
        }
        if fullTag.hasPrefix(YAMLTreeBuilder.coreTagPrefix) {
            let name = fullTag.dropFirst(YAMLTreeBuilder.coreTagPrefix.count)
            switch name {
            case "str", "binary", "timestamp":
                if let scalar { return Node(.string(scalar.text, scalar.style), range: range) }
            case "int", "float":
                if let scalar, YAMLCoreSchema.isNumber(scalar.text) { return Node(.number(scalar.text), range: range) }
                if let scalar {
                    throw ParseError("'\(scalar.text)' is not a valid !!\(name)", at: node.range.start, length: node.range.length)
                }
            case "bool":
                if let scalar, let value = YAMLCoreSchema.bool(scalar.text) { return Node(.bool(value), range: range) }
                if let scalar {
                    throw ParseError("'\(scalar.text)' is not a valid !!bool", at: node.range.start, length: node.range.length)
                }
            case "null":
                if let scalar, YAMLCoreSchema.isNull(scalar.text) { return Node(.null, range: range) }
            case "map":
                if case .object = node.kind { return Node(node.kind, range: range) }
            case "seq":
                if case .array = node.kind { return Node(node.kind, range: range) }
            default:
                break
            }
        }
        return localTagged(displayName, node, scalar: scalar, range: range)
    }

    /// `node` under a tag the core schema does not know, such as `!Ref`.
    private func localTagged(_ name: String, _ node: Node, scalar: (text: String, style: ScalarStyle)?, range: ByteRange) -> Node {
        var inner = node
        if let scalar, scalar.style == .plain, case .string = node.kind {
            // An unknown tag leaves the content unresolved by the schema, but tools (and the
            // CloudFormation short forms) expect `!Select [0, x]`-style plain values typed.
            inner = Node(scalar.text.isEmpty ? .string("", .plain) : YAMLCoreSchema.resolvePlain(scalar.text), range: node.range)
        }
        return Node(.tagged(name, inner), range: range)
    }

    // MARK: - Block collections

    private mutating func parseBlockSequence() throws(ParseError) -> Node {
        let open = try tokens.nextToken()
        try enter(at: open.start)
        let base = elementStack.count
        var start: Int?
        var end = open.end
        while true {
            let kind = try tokens.peekKind()
            if kind == .blockEntry {
                let token = try tokens.nextToken()
                if start == nil { start = token.start }
                let next = try tokens.peekKind()
                let element: Node
                if next == .blockEntry || next == .blockEnd {
                    element = empty(at: token.end)
                } else {
                    element = try parseNode(block: true, indentlessSequence: false)
                }
                end = element.range.end
                elementStack.push(consume element)
            } else if kind == .blockEnd {
                try tokens.nextToken()
                break
            } else {
                throw unexpected(try tokens.peekToken(), expected: "'-' or the end of the sequence")
            }
        }
        depth -= 1
        producedNodes += 1
        return Node(.array(elementStack.pop(from: base)), range: ByteRange(start: start ?? open.start, end: end))
    }

    private mutating func parseIndentlessSequence() throws(ParseError) -> Node {
        let first = try tokens.peekToken()
        try enter(at: first.start)  // one copy per sequence, not per entry
        let base = elementStack.count
        var end = first.end
        while try tokens.peekKind() == .blockEntry {
            let entry = try tokens.nextToken()
            let next = try tokens.peekKind()
            let element: Node
            if next == .blockEntry || next == .key || next == .value || next == .blockEnd {
                element = empty(at: entry.end)
            } else {
                element = try parseNode(block: true, indentlessSequence: false)
            }
            end = element.range.end
            elementStack.push(consume element)
        }
        depth -= 1
        producedNodes += 1
        return Node(.array(elementStack.pop(from: base)), range: ByteRange(start: first.start, end: end))
    }

    private mutating func parseBlockMapping() throws(ParseError) -> Node {
        let open = try tokens.nextToken()
        try enter(at: open.start)
        let base = entryStack.count
        var start: Int?
        var end = open.end
        while true {
            let kind = try tokens.peekKind()
            let key: Node
            if kind == .key {
                let token = try tokens.nextToken()
                if start == nil { start = token.start }
                let next = try tokens.peekKind()
                if next == .key || next == .value || next == .blockEnd {
                    key = empty(at: token.end)
                } else {
                    key = try parseNode(block: true, indentlessSequence: true, isKey: true)
                }
            } else if kind == .value {
                let token = try tokens.peekToken()
                if start == nil { start = token.start }
                key = empty(at: token.start)
            } else if kind == .blockEnd {
                try tokens.nextToken()
                break
            } else {
                throw unexpected(try tokens.peekToken(), expected: "a mapping key or the end of the mapping")
            }
            let value: Node
            if try tokens.peekKind() == .value {
                let colon = try tokens.nextToken()
                let next = try tokens.peekKind()
                if next == .key || next == .value || next == .blockEnd {
                    value = empty(at: colon.end)
                } else {
                    value = try parseNode(block: true, indentlessSequence: true)
                }
            } else {
                value = empty(at: key.range.end)
            }
            end = value.range.end
            entryStack.push(Entry(key: consume key, value: consume value))
        }
        depth -= 1
        producedNodes += 1
        return Node(.object(try applyMerges(entryStack.pop(from: base))), range: ByteRange(start: start ?? open.start, end: end))
    }

    // MARK: - Flow collections

    private mutating func parseFlowSequence() throws(ParseError) -> Node {
        let open = try tokens.nextToken()
        try enter(at: open.start)
        let base = elementStack.count
        var first = true
        while true {
            var token = try tokens.peekToken()
            if token.kind == .flowSequenceEnd { break }
            if !first {
                guard token.kind == .flowEntry else {
                    if token.kind == .streamEnd {
                        throw ParseError("unterminated flow sequence: expected ']' before the end of file", at: open.start, length: 1)
                    }
                    throw unexpected(token, expected: "',' or ']' in the flow sequence")
                }
                try tokens.nextToken()
                token = try tokens.peekToken()
                if token.kind == .flowSequenceEnd { break }
            }
            first = false
            if token.kind == .key || token.kind == .value {
                elementStack.push(try parseFlowPair(closing: .flowSequenceEnd))
            } else if token.kind == .streamEnd {
                throw ParseError("unterminated flow sequence: expected ']' before the end of file", at: open.start, length: 1)
            } else if token.kind == .flowEntry {
                throw ParseError("expected a value before ',' in the flow sequence", at: token.start, length: 1)
            } else {
                elementStack.push(try parseNode(block: false, indentlessSequence: false))
            }
        }
        let close = try tokens.nextToken()
        depth -= 1
        producedNodes += 1
        return Node(.array(elementStack.pop(from: base)), range: ByteRange(start: open.start, end: close.end))
    }

    /// A single `key: value` pair written inside a flow sequence becomes a one-entry mapping.
    private mutating func parseFlowPair(closing: YAMLTokenKind) throws(ParseError) -> Node {
        let token = try tokens.nextToken()
        try enter(at: token.start)
        let key: Node
        var start = token.start
        if token.kind == .key {
            let next = try tokens.peekKind()
            if next == .value || next == .flowEntry || next == closing {
                key = empty(at: token.end)
            } else {
                key = try parseNode(block: false, indentlessSequence: false, isKey: true)
                if token.end == token.start { start = key.range.start }
            }
        } else {
            key = empty(at: token.start)
        }
        let value = try parseFlowValue(afterKey: key, colon: token.kind == .value ? token : nil, closing: closing)
        depth -= 1
        producedNodes += 1
        return Node(.object([Entry(key: key, value: value)]), range: ByteRange(start: start, end: max(value.range.end, key.range.end)))
    }

    private mutating func parseFlowValue(afterKey key: Node, colon: YAMLToken?, closing: YAMLTokenKind) throws(ParseError) -> Node {
        var colonToken = colon
        if colonToken == nil, try tokens.peekKind() == .value {
            colonToken = try tokens.nextToken()
        }
        guard let colonToken else { return empty(at: key.range.end) }
        let next = try tokens.peekKind()
        if next == .flowEntry || next == closing {
            return empty(at: colonToken.end)
        }
        return try parseNode(block: false, indentlessSequence: false)
    }

    private mutating func parseFlowMapping() throws(ParseError) -> Node {
        let open = try tokens.nextToken()
        try enter(at: open.start)
        let base = entryStack.count
        var first = true
        while true {
            var token = try tokens.peekToken()
            if token.kind == .flowMappingEnd { break }
            if !first {
                guard token.kind == .flowEntry else {
                    if token.kind == .streamEnd {
                        throw ParseError("unterminated flow mapping: expected '}' before the end of file", at: open.start, length: 1)
                    }
                    throw unexpected(token, expected: "',' or '}' in the flow mapping")
                }
                try tokens.nextToken()
                token = try tokens.peekToken()
                if token.kind == .flowMappingEnd { break }
            }
            first = false
            if token.kind == .streamEnd {
                throw ParseError("unterminated flow mapping: expected '}' before the end of file", at: open.start, length: 1)
            }
            if token.kind == .flowEntry {
                throw ParseError("expected a key before ',' in the flow mapping", at: token.start, length: 1)
            }
            let key: Node
            var colon: YAMLToken?
            if token.kind == .key {
                try tokens.nextToken()
                let next = try tokens.peekKind()
                if next == .value || next == .flowEntry || next == .flowMappingEnd {
                    key = empty(at: token.end)
                } else {
                    key = try parseNode(block: false, indentlessSequence: false, isKey: true)
                }
            } else if token.kind == .value {
                colon = try tokens.nextToken()
                key = empty(at: token.start)
            } else {
                key = try parseNode(block: false, indentlessSequence: false, isKey: true)
            }
            let value = try parseFlowValue(afterKey: key, colon: colon, closing: .flowMappingEnd)
            entryStack.push(Entry(key: consume key, value: consume value))
        }
        let close = try tokens.nextToken()
        depth -= 1
        producedNodes += 1
        return Node(.object(try applyMerges(entryStack.pop(from: base))), range: ByteRange(start: open.start, end: close.end))
    }

    // MARK: - Merge keys

    private func isMergeKey(_ key: Node) -> Bool {
        // Checked for every key of every mapping: the length first, as matching the pattern
        // `.string("<<", .plain)` ran the general string comparison each time.
        if case .string(let text, .plain) = key.kind, text.utf8.count == 2 { return text == "<<" }
        return false
    }

    /// Replaces each `<<` entry by the entries of the merged mapping(s) that the mapping does not
    /// define itself; with a list, earlier mappings win, as in the YAML merge key specification.
    private func applyMerges(_ entries: [Entry]) throws(ParseError) -> [Entry] {
        guard entries.contains(where: { isMergeKey($0.key) }) else { return entries }
        var taken = Set<String>()
        for entry in entries where !isMergeKey(entry.key) {
            if let name = entry.key.scalarText { taken.insert(name) }
        }
        var result: [Entry] = []
        result.reserveCapacity(entries.count)
        for entry in entries {
            guard isMergeKey(entry.key) else {
                result.append(entry)
                continue
            }
            let sources: [Node]
            switch entry.value.kind {
            case .object: sources = [entry.value]
            case .array(let elements): sources = elements
            default:
                throw ParseError(
                    "the merge key '<<' needs a mapping or a list of mappings (usually an alias like *base)",
                    at: entry.value.range.start, length: max(1, entry.value.range.length))
            }
            for source in sources {
                guard case .object(let merged) = source.kind else {
                    throw ParseError(
                        "the merge key '<<' needs a mapping or a list of mappings (usually an alias like *base)",
                        at: source.range.start, length: max(1, source.range.length))
                }
                for mergedEntry in merged {
                    if let name = mergedEntry.key.scalarText {
                        if taken.contains(name) { continue }
                        taken.insert(name)
                    }
                    result.append(mergedEntry)
                }
            }
        }
        return result
    }
}
