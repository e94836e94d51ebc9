/// Where a value came from: a file of the caller's file table and a byte range in it.
public struct HCLSpan: Sendable, Hashable, CustomStringConvertible {
    /// An index into the evaluator's `HCLFileTable`.
    public var file: Int
    public var range: ByteRange

    public init(file: Int, range: ByteRange) {
        self.file = file
        self.range = range
    }

    public var description: String { "\(file):\(range.start)..<\(range.end)" }
}

/// A value that rests on a variable's `default`, which a deployment may override: conclusions
/// drawn from it are assumptions.
public struct HCLAssumption: Sendable, Hashable {
    public var variable: String
    /// The variable is declared `sensitive = true`: its value must not be echoed in messages.
    public var isSensitive: Bool
    /// The default's expression.
    public var span: HCLSpan?
    /// The default as text, when it is a string, number or bool (for messages).
    public var valueText: String?

    public init(variable: String, isSensitive: Bool, span: HCLSpan?, valueText: String? = nil) {
        self.variable = variable
        self.isSensitive = isSensitive
        self.span = span
        self.valueText = valueText
    }
}

/// A value not known statically: its expression as written and why it is unknown. Never a guess.
public struct HCLUnknown: Sendable, Hashable {
    /// The source text of the expression that produced it (`aws_ecr_repository.app.repository_url`).
    public var expression: String
    public var reason: String
    /// When the expression is a reference: its root and steps, so a consumer can recognise, say,
    /// a repository resource's URL.
    public var reference: HCLTraversal?
    /// Terraform would stop with an error here (a missing key, a type mismatch, a null operand),
    /// as opposed to a value only known when applied. `try` and `can` tell the two apart.
    public var isError: Bool
    /// The module instance `reference` is written in (`module.app`, or `""` for a root module),
    /// when the value crossed into another module (through an output, or a module call's
    /// argument); nil for the module being evaluated. A consumer qualifies `reference` with it to
    /// name the resource across modules.
    public var module: String?

    public init(expression: String, reason: String, reference: HCLTraversal? = nil, isError: Bool = false) {
        self.expression = expression
        self.reason = reason
        self.reference = reference
        self.isError = isError
    }
}

/// A number: a double, and its lexeme when it was written as a literal (kept for output).
public struct HCLNumber: Sendable, Hashable, CustomStringConvertible {
    public var value: Double
    public var lexeme: String?

    public init(_ value: Double, lexeme: String? = nil) {
        self.value = value
        self.lexeme = lexeme
    }

    public static func == (lhs: HCLNumber, rhs: HCLNumber) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }

    /// The value as an `Int` when it is whole and in range.
    public var integer: Int? {
        guard value.isFinite, value == value.rounded(), abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    /// The shortest text that reads back as the same number, without a trailing `.0`: how
    /// Terraform prints numbers in strings and JSON.
    public var description: String {
        if let lexeme, NodeJSONWriter.jsonNumber(lexeme) == lexeme { return lexeme }
        if let integer { return String(integer) }
        if !value.isFinite { return value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity") }
        return "\(value)"
    }
}

/// One member of an object value.
public struct HCLMember: Sendable, Hashable {
    public var key: String
    /// The key as written (a name, a string, or the expression that produced it).
    public var keySpan: HCLSpan?
    public var value: HCLValue

    public init(key: String, keySpan: HCLSpan?, value: HCLValue) {
        self.key = key
        self.keySpan = keySpan
        self.value = value
    }
}

/// The result of evaluating an HCL expression.
///
/// Three states, as everywhere in ecslint: known (`string`, `number`, `bool`, `tuple`, `object`),
/// unknown (`unknown`, and `partial` for a string only partly known), and `null`. Every value
/// carries where it was written (`span`), the references it was reached through (`via`), and the
/// variable defaults it rests on (`assumptions`).
public struct HCLValue: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        case number(HCLNumber)
        case string(String)
        /// Lists, tuples and sets (sets as their sorted, distinct elements).
        case tuple([HCLValue])
        /// Objects and maps, members sorted by key (Terraform's iteration and encoding order).
        case object([HCLMember])
        /// A string whose parts are known literals and unknown values, in order.
        case partial([HCLValue])
        case unknown(HCLUnknown)
    }

    public var kind: Kind
    /// The literal or expression that produced the value.
    public var span: HCLSpan?
    /// The references the value was reached through (`var.x`, `local.y`, `each.value`,
    /// `module.m.out`), from the one nearest its definition to the outermost use.
    public var via: [HCLSpan] = []
    public var assumptions: [HCLAssumption] = []
    /// How a string was made, when that keeps positions a consumer needs (`jsonencode`,
    /// templates, `file`, `templatefile`).
    public var derivation: HCLDerivation?

    public init(_ kind: Kind, span: HCLSpan? = nil) {
        self.kind = kind
        self.span = span
    }

    public static func string(_ text: String, span: HCLSpan? = nil) -> HCLValue { HCLValue(.string(text), span: span) }
    public static func number(_ value: Double, span: HCLSpan? = nil) -> HCLValue { HCLValue(.number(HCLNumber(value)), span: span) }
    public static func bool(_ value: Bool, span: HCLSpan? = nil) -> HCLValue { HCLValue(.bool(value), span: span) }
    public static func null(span: HCLSpan? = nil) -> HCLValue { HCLValue(.null, span: span) }
    public static func unknown(_ unknown: HCLUnknown, span: HCLSpan? = nil) -> HCLValue { HCLValue(.unknown(unknown), span: span) }

    public static func tuple(_ elements: [HCLValue], span: HCLSpan? = nil) -> HCLValue { HCLValue(.tuple(elements), span: span) }

    /// An object from members in any order; a later member replaces an earlier one of the same key.
    public static func object(_ members: [HCLMember], span: HCLSpan? = nil) -> HCLValue {
        var byKey: [String: HCLMember] = [:]
        for member in members { byKey[member.key] = member }
        let sorted = byKey.values.sorted { $0.key < $1.key }
        return HCLValue(.object(sorted), span: span)
    }

    public var string: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    public var number: Double? {
        if case .number(let number) = kind { return number.value }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let value) = kind { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    public var elements: [HCLValue]? {
        if case .tuple(let elements) = kind { return elements }
        return nil
    }

    public var members: [HCLMember]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    public var unknown: HCLUnknown? {
        if case .unknown(let unknown) = kind { return unknown }
        return nil
    }

    /// The parts of a partly known string.
    public var partialParts: [HCLValue]? {
        if case .partial(let parts) = kind { return parts }
        return nil
    }

    public subscript(key: String) -> HCLValue? {
        member(key)?.value
    }

    /// The member named `key`, found by binary search (members are sorted by key).
    public func member(_ key: String) -> HCLMember? {
        guard case .object(let members) = kind else { return nil }
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < members.count && members[low].key == key ? members[low] : nil
    }

    public subscript(index: Int) -> HCLValue? {
        guard let elements, index >= 0, index < elements.count else { return nil }
        return elements[index]
    }

    /// Known all the way down: no unknown or partial part anywhere.
    public var isWhollyKnown: Bool {
        switch kind {
        case .unknown, .partial: return false
        case .tuple(let elements): return elements.allSatisfy(\.isWhollyKnown)
        case .object(let members): return members.allSatisfy(\.value.isWhollyKnown)
        default: return true
        }
    }

    /// Whether the top level is known (a collection may still hold unknown elements).
    public var isKnown: Bool {
        switch kind {
        case .unknown, .partial: return false
        default: return true
        }
    }

    /// The value's data without spans: equal values compare equal wherever they were written.
    /// Nil when either side is not wholly known.
    public func sameValue(as other: HCLValue) -> Bool? {
        switch (kind, other.kind) {
        case (.unknown, _), (_, .unknown), (.partial, _), (_, .partial): return nil
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.number(let left), .number(let right)): return left.value == right.value
        case (.string(let left), .string(let right)): return left == right
        case (.tuple(let left), .tuple(let right)):
            guard left.count == right.count else { return isWhollyKnown && other.isWhollyKnown ? false : nil }
            var result = true
            for (leftElement, rightElement) in zip(left, right) {
                guard let same = leftElement.sameValue(as: rightElement) else { return nil }
                if !same { result = false }
            }
            return result
        case (.object(let left), .object(let right)):
            guard left.map(\.key) == right.map(\.key) else { return isWhollyKnown && other.isWhollyKnown ? false : nil }
            var result = true
            for (leftMember, rightMember) in zip(left, right) {
                guard let same = leftMember.value.sameValue(as: rightMember.value) else { return nil }
                if !same { result = false }
            }
            return result
        default:
            return false
        }
    }

    /// Adds the assumptions of `other` (in order, without repeats).
    public mutating func assume(from other: HCLValue) {
        assume(other.assumptions)
    }

    public mutating func assume(_ list: [HCLAssumption]) {
        for assumption in list where !assumptions.contains(assumption) { assumptions.append(assumption) }
    }

    /// The type name Terraform would use in a message.
    public var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string, .partial: return "string"
        case .tuple: return "tuple"
        case .object: return "object"
        case .unknown: return "unknown"
        }
    }
}

/// How a string value was made, kept so positions inside it can be traced to their sources.
public indirect enum HCLDerivation: Sendable, Hashable {
    /// `jsonencode(value)`: the structure with the span of every element.
    case jsonEncoded(HCLValue)
    /// A template, `file` or `templatefile`: the text and where each piece of it came from.
    case rendered(HCLRendering)
}

extension HCLValue {
    /// The value as seen from outside the module instance `module`: every unknown reference made
    /// inside it (not yet attributed to a module) is attributed to it.
    public func leavingModule(_ module: String) -> HCLValue {
        var copy = self
        switch kind {
        case .unknown(var unknown):
            if unknown.module == nil, unknown.reference != nil {
                unknown.module = module
                copy.kind = .unknown(unknown)
            }
        case .partial(let parts): copy.kind = .partial(parts.map { $0.leavingModule(module) })
        case .tuple(let elements): copy.kind = .tuple(elements.map { $0.leavingModule(module) })
        case .object(let members):
            copy.kind = .object(members.map { HCLMember(key: $0.key, keySpan: $0.keySpan, value: $0.value.leavingModule(module)) })
        default: break
        }
        switch derivation {
        case .jsonEncoded(let structure)?: copy.derivation = .jsonEncoded(structure.leavingModule(module))
        case .rendered(var rendering)?:
            for index in rendering.placeholders.indices {
                rendering.placeholders[index].value = rendering.placeholders[index].value.leavingModule(module)
            }
            copy.derivation = .rendered(rendering)
        case nil: break
        }
        return copy
    }
}
