/// The JSON variant of HCL (`*.tf.json`, `*.tfvars.json`), parsed with `JSONParser` and mapped
/// onto the same syntax tree as native files, with the conventions of the HCL JSON spec that
/// Terraform needs.
///
/// * Top-level keys naming Terraform block types are blocks, their labels the nested object keys:
///   `{"resource": {"aws_ecs_service": {"app": {…}}}}` is `resource "aws_ecs_service" "app"`.
///   A label level or the body may be an array of objects (several blocks).
/// * Inside a block, every key is an attribute. Without Terraform's schemas a nested object
///   cannot be told from a nested block, so nested blocks stay object-valued attributes: a
///   consumer treats an object-valued attribute as the nested block of the same name.
/// * Strings are templates (`"${var.x}"`, `"$${literal}"`), except in `variable` defaults and
///   variable files, where values are literal.
/// * A `"//"` key is a comment.
public enum HCLJSON {
    /// How many labels each top-level block type has.
    public static let blockLabelCounts: [String: Int] = [
        "resource": 2, "data": 2, "module": 1, "provider": 1, "variable": 1, "output": 1, "locals": 0, "terraform": 0,
        "moved": 0, "import": 0, "check": 1, "removed": 0,
    ]

    /// A `*.tf.json` file.
    public static func parseConfiguration(_ bytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> HCLFileSyntax {
        try parse(bytes, limits: limits, isVariableFile: false)
    }

    /// A `*.tfvars.json` file: one attribute per variable, values literal.
    public static func parseVariables(_ bytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> HCLFileSyntax {
        try parse(bytes, limits: limits, isVariableFile: true)
    }

    static func parse(_ bytes: [UInt8], limits: ParseLimits, isVariableFile: Bool) throws(ParseError) -> HCLFileSyntax {
        let root = try JSONParser(limits: limits).parse(bytes)
        guard let entries = root.entries else {
            throw ParseError("the root of an HCL JSON file must be an object", at: root.range.start, length: 1)
        }
        var mapper = Mapper(bytes: bytes, limits: limits)
        var items: [HCLBodyItem] = []
        for entry in entries {
            guard let name = entry.name else { continue }
            if name == "//" {
                mapper.comment(entry)
                continue
            }
            if !isVariableFile, let labelCount = blockLabelCounts[name] {
                try mapper.blocks(type: name, typeRange: entry.key.range, labelCount: labelCount, labels: [], value: entry.value, into: &items, start: entry.key.range.start)
            } else {
                items.append(.attribute(try mapper.attribute(entry, literal: isVariableFile)))
            }
        }
        return HCLFileSyntax(body: HCLBody(items: items, range: root.range), comments: mapper.comments)
    }

    struct Mapper {
        let bytes: [UInt8]
        let limits: ParseLimits
        var comments: [Comment] = []

        mutating func comment(_ entry: Entry) {
            comments.append(Comment(range: ByteRange(start: entry.key.range.start, end: entry.value.range.end), text: entry.value.string ?? ""))
        }

        mutating func blocks(type: String, typeRange: ByteRange, labelCount: Int, labels: [HCLBlockLabel], value: Node, into items: inout [HCLBodyItem], start: Int) throws(ParseError) {
            if case .array(let elements) = value.kind {
                for element in elements {
                    try blocks(type: type, typeRange: typeRange, labelCount: labelCount, labels: labels, value: element, into: &items, start: start)
                }
                return
            }
            guard let entries = value.entries else {
                throw ParseError("a '\(type)' block must be an object here", at: value.range.start, length: 1)
            }
            if labels.count < labelCount {
                for entry in entries {
                    guard let name = entry.name else { continue }
                    if name == "//" {
                        comment(entry)
                        continue
                    }
                    let label = HCLBlockLabel(value: name, range: entry.key.range, isQuoted: true)
                    try blocks(type: type, typeRange: typeRange, labelCount: labelCount, labels: labels + [label], value: entry.value, into: &items, start: start)
                }
                return
            }
            var bodyItems: [HCLBodyItem] = []
            for entry in entries {
                guard let name = entry.name else { continue }
                if name == "//" {
                    comment(entry)
                    continue
                }
                bodyItems.append(.attribute(try attribute(entry, literal: type == "variable" && name == "default")))
            }
            let body = HCLBody(items: bodyItems, range: value.range)
            items.append(.block(HCLBlock(type: type, typeRange: typeRange, labels: labels, body: body, range: ByteRange(start: start, end: value.range.end))))
        }

        func attribute(_ entry: Entry, literal: Bool) throws(ParseError) -> HCLAttribute {
            let expression = try self.expression(entry.value, literal: literal)
            return HCLAttribute(name: entry.name ?? "", nameRange: entry.key.range, expression: expression,
                range: ByteRange(start: entry.key.range.start, end: entry.value.range.end))
        }

        func expression(_ node: Node, literal: Bool) throws(ParseError) -> HCLExpression {
            switch node.kind {
            case .null: return HCLExpression(.literal(.null), range: node.range)
            case .bool(let value): return HCLExpression(.literal(.bool(value)), range: node.range)
            case .number(let lexeme): return HCLExpression(.literal(.number(lexeme)), range: node.range)
            case .string(let text, _): return try string(text, node: node, literal: literal)
            case .array(let elements):
                var expressions: [HCLExpression] = []
                for element in elements { expressions.append(try expression(element, literal: literal)) }
                return HCLExpression(.tuple(expressions), range: node.range)
            case .object(let entries):
                var items: [HCLObjectItem] = []
                for entry in entries where entry.name != "//" {
                    let key = HCLExpression(.template(HCLTemplate(parts: [.literal(HCLTemplateLiteral(text: entry.name ?? "", range: entry.key.range))])), range: entry.key.range)
                    items.append(HCLObjectItem(key: key, value: try expression(entry.value, literal: literal)))
                }
                return HCLExpression(.object(items), range: node.range)
            case .tagged(_, let inner):
                return try expression(inner, literal: literal)
            }
        }

        /// A JSON string as a template. Written without escapes, it is parsed in place, so its
        /// parts keep exact positions; otherwise its decoded text is parsed and every part gets
        /// the string's range.
        func string(_ text: String, node: Node, literal: Bool) throws(ParseError) -> HCLExpression {
            let inner = ByteRange(start: node.range.start + 1, end: max(node.range.start + 1, node.range.end - 1))
            let verbatim = text.utf8.count == inner.length
            let isTemplate = !literal && (ByteSearch.contains(text, "${") || ByteSearch.contains(text, "%{"))
            guard isTemplate else {
                let range = verbatim ? inner : node.range
                return HCLExpression(.template(HCLTemplate(parts: text.isEmpty ? [] : [.literal(HCLTemplateLiteral(text: text, range: range))])), range: node.range)
            }
            let parser = HCLParser(limits: limits)
            if verbatim {
                let template = try parser.parseTemplate(bytes, range: inner.start..<inner.end)
                return HCLExpression(.template(template), range: node.range)
            }
            do {
                let template = try parser.parseTemplate(Array(text.utf8))
                return HCLExpression(.template(template), range: node.range).withEveryRange(node.range)
            } catch {
                throw ParseError(error.message, at: node.range.start, length: node.range.length)
            }
        }
    }
}

extension HCLExpression {
    /// The expression with every range replaced by `range` (for text parsed from a decoded
    /// string, whose offsets are not the file's).
    func withEveryRange(_ range: ByteRange) -> HCLExpression {
        func map(_ expression: HCLExpression) -> HCLExpression { expression.withEveryRange(range) }
        func mapParts(_ parts: [HCLTemplatePart]) -> [HCLTemplatePart] {
            parts.map { part in
                switch part {
                case .literal(let literal): return .literal(HCLTemplateLiteral(text: literal.text, range: range))
                case .interpolation(let expression, _): return .interpolation(map(expression), range: range)
                case .conditional(let condition, let thenParts, let elseParts, _):
                    return .conditional(condition: map(condition), then: mapParts(thenParts), else: mapParts(elseParts), range: range)
                case .loop(let key, let value, let collection, let body, _):
                    return .loop(keyVariable: key, valueVariable: value, collection: map(collection), body: mapParts(body), range: range)
                }
            }
        }
        let newKind: Kind
        switch kind {
        case .literal, .variable, .splatElement: newKind = kind
        case .template(let template): newKind = .template(HCLTemplate(parts: mapParts(template.parts)))
        case .getAttribute(let base, let name, _): newKind = .getAttribute(map(base), name: name, nameRange: range)
        case .index(let base, let key): newKind = .index(map(base), key: map(key))
        case .splat(let source, let each, let isFull): newKind = .splat(source: map(source), each: map(each), isFull: isFull)
        case .call(var call):
            call.nameRange = range
            call.arguments = call.arguments.map(map)
            newKind = .call(call)
        case .tuple(let elements): newKind = .tuple(elements.map(map))
        case .object(let items): newKind = .object(items.map { HCLObjectItem(key: map($0.key), value: map($0.value)) })
        case .unary(let op, let operand): newKind = .unary(op, map(operand))
        case .binary(let op, let left, let right): newKind = .binary(op, map(left), map(right))
        case .conditional(let condition, let whenTrue, let whenFalse): newKind = .conditional(map(condition), then: map(whenTrue), else: map(whenFalse))
        case .forExpression(var loop):
            loop.collection = map(loop.collection)
            loop.keyExpression = loop.keyExpression.map(map)
            loop.valueExpression = map(loop.valueExpression)
            loop.condition = loop.condition.map(map)
            newKind = .forExpression(loop)
        case .parenthesized(let inner): newKind = .parenthesized(map(inner))
        }
        return HCLExpression(newKind, range: range)
    }
}
