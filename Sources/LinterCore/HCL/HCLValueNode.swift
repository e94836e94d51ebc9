/// Conversions between evaluated values and ecslint's positioned `Node` trees.
///
/// A `Node` has ranges of one file. A value's parts may come from several (a variable's default
/// in `variables.tf`, a `templatefile` template): each node gets its value's span when that is in
/// the target file, else the outermost use site in the target file (`via`), else its parent's
/// range. Unknown values become `!Unknown`-tagged strings holding their expression, and partly
/// known strings `!Partial`-tagged strings with `${…}` for the unknown parts: never a guess.
extension HCLValue {
    public static let unknownTag = "!Unknown"
    public static let partialTag = "!Partial"

    /// The value as a node tree with ranges in `file`. `fallback` is used where neither the value
    /// nor a reference it came through is in `file`.
    public func node(inFile file: Int, fallback: ByteRange = .point(0)) -> Node {
        let range = rangeIn(file: file) ?? fallback
        switch kind {
        case .null: return Node(.null, range: range)
        case .bool(let value): return Node(.bool(value), range: range)
        case .number(let number): return Node(.number(number.description), range: range)
        case .string(let text): return Node(.string(text, .doubleQuoted), range: range)
        case .tuple(let elements):
            return Node(.array(elements.map { $0.node(inFile: file, fallback: range) }), range: range)
        case .object(let members):
            return Node(.object(members.map { member in
                let valueNode = member.value.node(inFile: file, fallback: range)
                let keyRange = member.keySpan.flatMap { $0.file == file ? $0.range : nil } ?? valueNode.range
                return Entry(key: Node(.string(member.key, .doubleQuoted), range: keyRange), value: valueNode)
            }), range: range)
        case .partial:
            return Node(.tagged(HCLValue.partialTag, Node(.string(displayText, .doubleQuoted), range: range)), range: range)
        case .unknown(let unknown):
            return Node(.tagged(HCLValue.unknownTag, Node(.string(unknown.expression, .doubleQuoted), range: range)), range: range)
        }
    }

    /// The range of this value in `file`: its own span, else the outermost use in that file.
    public func rangeIn(file: Int) -> ByteRange? {
        if let span, span.file == file { return span.range }
        return via.last { $0.file == file }?.range
    }

    /// The text with unknown parts as `${expression}`, for messages.
    public var displayText: String {
        switch kind {
        case .string(let text): return text
        case .partial(let parts): return parts.map(\.displayText).joined()
        case .unknown(let unknown): return "${" + unknown.expression + "}"
        case .number(let number): return number.description
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .tuple, .object: return "${…}"
        }
    }

    /// The JSON document this string holds, with ranges in `file`: the structure `jsonencode`
    /// was given, or the parsed text of a template or file mapped back to its sources (unknown
    /// parts as `!Unknown` nodes). Nil when the value is not a string holding a JSON document.
    public func jsonDocument(inFile file: Int, limits: ParseLimits = .default) -> Node? {
        let fallback = rangeIn(file: file) ?? .point(0)
        switch derivation {
        case .jsonEncoded(let structure)?:
            return structure.node(inFile: file, fallback: fallback)
        case .rendered(let rendering)?:
            guard var root = try? JSONParser(limits: limits).parse(rendering.text) else { return nil }
            HCLValue.markPlaceholders(&root, rendering)
            root.mapRanges { range in
                guard let span = rendering.span(ofRendered: range), span.file == file else { return fallback }
                return span.range
            }
            return root
        case nil:
            guard let text = string, var root = try? JSONParser(limits: limits).parse(text) else { return nil }
            root.mapRanges { _ in fallback }
            return root
        }
    }

    static func markPlaceholders(_ node: inout Node, _ rendering: HCLRendering) {
        guard !rendering.placeholders.isEmpty else { return }
        switch node.kind {
        case .string(let text, _):
            if let placeholder = rendering.placeholder(exactly: node.range), let unknown = placeholder.value.unknown {
                node = Node(.tagged(HCLValue.unknownTag, Node(.string(unknown.expression, .doubleQuoted), range: node.range)), range: node.range)
            } else if !rendering.placeholders(inside: node.range).isEmpty {
                node = Node(.tagged(HCLValue.partialTag, Node(.string(text, .doubleQuoted), range: node.range)), range: node.range)
            }
        case .object(var entries):
            node.kind = .null
            for index in entries.indices { markPlaceholders(&entries[index].value, rendering) }
            node.kind = .object(entries)
        case .array(var elements):
            node.kind = .null
            for index in elements.indices { markPlaceholders(&elements[index], rendering) }
            node.kind = .array(elements)
        default:
            break
        }
    }

    /// A value from a parsed JSON node (`jsondecode`, `.tfvars.json`). `span(range)` gives the
    /// source of a node's range; the placeholders of `rendering` become the unknown values they
    /// stand for.
    public static func fromJSON(_ node: Node, span: (ByteRange) -> HCLSpan?, rendering: HCLRendering? = nil) -> HCLValue {
        let nodeSpan = span(node.range)
        switch node.kind {
        case .null: return .null(span: nodeSpan)
        case .bool(let value): return .bool(value, span: nodeSpan)
        case .number(let lexeme): return HCLValue(.number(HCLNumber(Double(lexeme) ?? .nan, lexeme: lexeme)), span: nodeSpan)
        case .string(let text, _):
            guard let rendering else { return .string(text, span: nodeSpan) }
            if let placeholder = rendering.placeholder(exactly: node.range) { return placeholder.value }
            let inside = rendering.placeholders(inside: node.range)
            guard !inside.isEmpty else { return .string(text, span: nodeSpan) }
            return partialString(text, node: node, placeholders: Array(inside), span: span)
        case .array(let elements):
            return .tuple(elements.map { fromJSON($0, span: span, rendering: rendering) }, span: nodeSpan)
        case .object(let entries):
            return .object(entries.map { entry in
                HCLMember(key: entry.name ?? "", keySpan: span(entry.key.range), value: fromJSON(entry.value, span: span, rendering: rendering))
            }, span: nodeSpan)
        case .tagged(_, let inner):
            return fromJSON(inner, span: span, rendering: rendering)
        }
    }

    /// A JSON string of a rendering that holds placeholders: a partly known string. Without
    /// escapes the string's text lines up with the rendered bytes; with them, the whole string
    /// is unknown rather than cut at a guessed place.
    static func partialString(_ text: String, node: Node, placeholders: [HCLRendering.Placeholder], span: (ByteRange) -> HCLSpan?) -> HCLValue {
        let bytes = Array(text.utf8)
        let contentStart = node.range.start + 1
        guard bytes.count == node.range.length - 2 else {
            let expressions = placeholders.compactMap { $0.value.unknown?.expression }.joined(separator: ", ")
            return .unknown(HCLUnknown(expression: text, reason: "the string holds unknown parts (\(expressions))"), span: span(node.range))
        }
        var parts: [HCLValue] = []
        var offset = 0
        for placeholder in placeholders {
            let start = placeholder.range.start - contentStart
            guard start >= offset, placeholder.range.end - contentStart <= bytes.count else { continue }
            if start > offset {
                parts.append(.string(String(decoding: bytes[offset..<start], as: UTF8.self),
                    span: span(ByteRange(start: contentStart + offset, end: contentStart + start))))
            }
            parts.append(placeholder.value)
            offset = placeholder.range.end - contentStart
        }
        if offset < bytes.count {
            parts.append(.string(String(decoding: bytes[offset...], as: UTF8.self), span: span(ByteRange(start: contentStart + offset, end: node.range.end - 1))))
        }
        return HCLValue(.partial(parts), span: span(node.range))
    }
}
