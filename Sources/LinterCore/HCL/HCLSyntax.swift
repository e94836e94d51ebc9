/// The syntax tree of an HCL file (native syntax, or the JSON variant mapped onto the same shapes).
///
/// Every node keeps the exact byte range it was parsed from, so a finding can point at any
/// attribute, label, expression or template literal, and the source text of any expression can be
/// shown (`SourceFile.text(of:)`).
public struct HCLFileSyntax: Sendable, Hashable {
    public var body: HCLBody
    /// Every comment in source order. `text` is what follows `#` or `//` (or lies between `/*` and
    /// `*/`); `range` covers the whole comment, markers included, line break excluded.
    public var comments: [Comment]

    public init(body: HCLBody, comments: [Comment]) {
        self.body = body
        self.comments = comments
    }
}

/// A sequence of attributes and blocks: a file, or the inside of a block's braces.
public struct HCLBody: Sendable, Hashable {
    public var items: [HCLBodyItem]
    /// For a file, the whole file; for a block, from after `{` to before `}`.
    public var range: ByteRange

    public init(items: [HCLBodyItem], range: ByteRange) {
        self.items = items
        self.range = range
    }

    public var attributes: [HCLAttribute] {
        items.compactMap { if case .attribute(let attribute) = $0 { return attribute } else { return nil } }
    }

    public var blocks: [HCLBlock] {
        items.compactMap { if case .block(let block) = $0 { return block } else { return nil } }
    }

    /// The attribute named `name`; the native-syntax parser rejects a body that defines one twice
    /// (a JSON-variant body keeps the first).
    public func attribute(_ name: String) -> HCLAttribute? {
        for item in items {
            if case .attribute(let attribute) = item, attribute.name == name { return attribute }
        }
        return nil
    }

    /// The blocks of type `type`, in source order.
    public func blocks(ofType type: String) -> [HCLBlock] {
        blocks.filter { $0.type == type }
    }
}

/// An attribute or a block, in source order.
public enum HCLBodyItem: Sendable, Hashable {
    case attribute(HCLAttribute)
    case block(HCLBlock)

    public var range: ByteRange {
        switch self {
        case .attribute(let attribute): return attribute.range
        case .block(let block): return block.range
        }
    }
}

/// `name = expression`.
public struct HCLAttribute: Sendable, Hashable {
    public var name: String
    public var nameRange: ByteRange
    public var expression: HCLExpression
    /// From the name to the end of the expression.
    public var range: ByteRange

    public init(name: String, nameRange: ByteRange, expression: HCLExpression, range: ByteRange) {
        self.name = name
        self.nameRange = nameRange
        self.expression = expression
        self.range = range
    }
}

/// `type label... { body }`.
public struct HCLBlock: Sendable, Hashable {
    public var type: String
    public var typeRange: ByteRange
    public var labels: [HCLBlockLabel]
    public var body: HCLBody
    /// From the type to the closing brace, inclusive.
    public var range: ByteRange

    public init(type: String, typeRange: ByteRange, labels: [HCLBlockLabel], body: HCLBody, range: ByteRange) {
        self.type = type
        self.typeRange = typeRange
        self.labels = labels
        self.body = body
        self.range = range
    }

    public var labelValues: [String] { labels.map(\.value) }
}

/// A block label: a quoted string (`"aws_ecs_service"`, escapes decoded) or a bare identifier.
public struct HCLBlockLabel: Sendable, Hashable {
    public var value: String
    /// The label as written, quotes included.
    public var range: ByteRange
    public var isQuoted: Bool

    public init(value: String, range: ByteRange, isQuoted: Bool) {
        self.value = value
        self.range = range
        self.isQuoted = isQuoted
    }
}

/// An expression and the exact range of its source text.
public struct HCLExpression: Sendable, Hashable {
    public var kind: Kind
    public var range: ByteRange

    public init(_ kind: Kind, range: ByteRange) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Sendable, Hashable {
        /// A number (its lexeme exactly as written), `true`, `false` or `null`.
        case literal(HCLLiteral)
        /// A quoted string, a heredoc or a template file.
        case template(HCLTemplate)
        /// A root name: `var`, `local`, `aws_ecs_service`, `each`, a `for` variable…
        case variable(String)
        /// `base.name`. `nameRange` covers the name alone.
        case getAttribute(HCLExpression, name: String, nameRange: ByteRange)
        /// `base[key]`, and the legacy `base.0` (with a number literal key).
        case index(HCLExpression, key: HCLExpression)
        /// `source[*].rest` (`isFull`) or `source.*.rest`: `each` is applied to every element of
        /// `source`, and is written in terms of `.splatElement`.
        case splat(source: HCLExpression, each: HCLExpression, isFull: Bool)
        /// The element a splat's `each` expression applies to.
        case splatElement
        case call(HCLFunctionCall)
        case tuple([HCLExpression])
        case object([HCLObjectItem])
        case unary(HCLUnaryOperator, HCLExpression)
        case binary(HCLBinaryOperator, HCLExpression, HCLExpression)
        case conditional(HCLExpression, then: HCLExpression, else: HCLExpression)
        case forExpression(HCLForExpression)
        /// `( expression )`: kept so an object key in parentheses is evaluated, never read as a name.
        case parenthesized(HCLExpression)
    }
}

public enum HCLLiteral: Sendable, Hashable {
    case number(String)
    case bool(Bool)
    case null
}

public enum HCLUnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not = "!"
}

public enum HCLBinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"

    /// The spec's precedence levels: higher binds tighter.
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual: return 3
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .modulo: return 6
        }
    }
}

/// `name(arguments...)`; `name` includes a provider namespace (`provider::aws::arn_parse`).
public struct HCLFunctionCall: Sendable, Hashable {
    public var name: String
    public var nameRange: ByteRange
    public var arguments: [HCLExpression]
    /// The last argument ends with `...`: its elements are the final arguments.
    public var expandsFinalArgument: Bool

    public init(name: String, nameRange: ByteRange, arguments: [HCLExpression], expandsFinalArgument: Bool) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
        self.expandsFinalArgument = expandsFinalArgument
    }
}

/// One `key = value` (or `key: value`) of an object constructor. A key that is a bare identifier
/// (`.variable(name)`, not parenthesised) means the string `name`.
public struct HCLObjectItem: Sendable, Hashable {
    public var key: HCLExpression
    public var value: HCLExpression

    public init(key: HCLExpression, value: HCLExpression) {
        self.key = key
        self.value = value
    }

    /// The key's text when it is a name or a string without interpolation.
    public var literalKey: String? {
        switch key.kind {
        case .variable(let name): return name
        case .template(let template): return template.literalText
        case .literal(.number(let lexeme)): return lexeme
        case .literal(.bool(let value)): return value ? "true" : "false"
        case .literal(.null): return "null"
        default: return nil
        }
    }
}

/// `[for k, v in collection : value if condition]` or `{for k, v in collection : key => value... if condition}`.
public struct HCLForExpression: Sendable, Hashable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: HCLExpression
    /// Present for the object form.
    public var keyExpression: HCLExpression?
    public var valueExpression: HCLExpression
    public var condition: HCLExpression?
    /// `...` after the value: values with the same key are grouped into tuples.
    public var isGrouping: Bool

    public init(
        keyVariable: String?, valueVariable: String, collection: HCLExpression, keyExpression: HCLExpression?,
        valueExpression: HCLExpression, condition: HCLExpression?, isGrouping: Bool
    ) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.keyExpression = keyExpression
        self.valueExpression = valueExpression
        self.condition = condition
        self.isGrouping = isGrouping
    }
}

/// A quoted string, heredoc or template file: literal runs, interpolations and directives.
public struct HCLTemplate: Sendable, Hashable {
    public var parts: [HCLTemplatePart]

    public init(parts: [HCLTemplatePart]) {
        self.parts = parts
    }

    /// The text when every part is a literal.
    public var literalText: String? {
        var text = ""
        for part in parts {
            guard case .literal(let literal) = part else { return nil }
            text += literal.text
        }
        return text
    }

    /// The lone interpolation of `"${expression}"`: Terraform takes its value as is, not its
    /// string form.
    public var soleInterpolation: HCLExpression? {
        guard parts.count == 1, case .interpolation(let expression, _) = parts[0] else { return nil }
        return expression
    }
}

/// A run of literal template text. The parser cuts runs at escapes: a run is either written
/// verbatim (its text is the bytes of `range`) or is one escape sequence (`\n`, `$${`). Runs
/// with non-ASCII text are normalised to NFC, as HCL requires; one whose length that changes is
/// not verbatim any more.
public struct HCLTemplateLiteral: Sendable, Hashable {
    public var text: String
    public var range: ByteRange

    public init(text: String, range: ByteRange) {
        self.text = text
        self.range = range
    }

    /// Whether `text` is the source bytes themselves, so offsets inside it map one to one (up
    /// to the canonical reordering of combining marks, which NFC may do in place).
    public var isVerbatim: Bool { text.utf8.count == range.length }
}

public enum HCLTemplatePart: Sendable, Hashable {
    case literal(HCLTemplateLiteral)
    /// `${expression}`; the range covers `${` to `}`.
    case interpolation(HCLExpression, range: ByteRange)
    /// `%{if}…%{else}…%{endif}`; the range covers the whole construct.
    case conditional(condition: HCLExpression, then: [HCLTemplatePart], else: [HCLTemplatePart], range: ByteRange)
    /// `%{for k, v in collection}…%{endfor}`.
    case loop(keyVariable: String?, valueVariable: String, collection: HCLExpression, body: [HCLTemplatePart], range: ByteRange)

    public var range: ByteRange {
        switch self {
        case .literal(let literal): return literal.range
        case .interpolation(_, let range), .conditional(_, _, _, let range), .loop(_, _, _, _, let range): return range
        }
    }
}

extension HCLExpression {
    /// A traversal from a root name through attribute names and constant indexes
    /// (`aws_ecr_repository.app.repository_url`, `var.images["web"]`, `module.m.out[0]`), or nil.
    public var staticTraversal: HCLTraversal? {
        var steps: [HCLTraversal.Step] = []
        var current = self
        while true {
            switch current.kind {
            case .variable(let root):
                return HCLTraversal(root: root, steps: steps.reversed(), range: range)
            case .getAttribute(let base, let name, _):
                steps.append(.attribute(name))
                current = base
            case .index(let base, let key):
                switch key.kind {
                case .literal(.number(let lexeme)):
                    guard let index = Int(lexeme) else { return nil }
                    steps.append(.index(index))
                case .template(let template):
                    guard let text = template.literalText else { return nil }
                    steps.append(.key(text))
                default:
                    return nil
                }
                current = base
            default:
                return nil
            }
        }
    }
}

/// A root name and the constant steps after it, as a reference is written.
public struct HCLTraversal: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case attribute(String)
        case index(Int)
        case key(String)
    }

    public var root: String
    public var steps: [Step]
    /// The range of the traversal expression.
    public var range: ByteRange

    public init(root: String, steps: [Step], range: ByteRange) {
        self.root = root
        self.steps = steps
        self.range = range
    }

    /// The attribute names after the root, up to the first index.
    public var attributeNames: [String] {
        var names: [String] = []
        for step in steps {
            guard case .attribute(let name) = step else { break }
            names.append(name)
        }
        return names
    }

    /// `root.a.b[0]["k"]`.
    public var description: String {
        var text = root
        for step in steps {
            switch step {
            case .attribute(let name): text += "." + name
            case .index(let index): text += "[\(index)]"
            case .key(let key): text += "[" + NodeJSONWriter.quoted(key) + "]"
            }
        }
        return text
    }
}
