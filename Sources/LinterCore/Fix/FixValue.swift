/// A value a fix writes, rendered in the syntax of the place it goes: JSON, a YAML flow
/// collection or a YAML block.
public indirect enum FixValue: Sendable, Hashable {
    case string(String)
    /// A number as it is to be written (`"30"`, `"0.5"`).
    case number(String)
    case bool(Bool)
    case null
    case array([FixValue])
    case object([FixMember])
    /// A YAML tag on a value, such as CloudFormation's short form `!GetAtt Service.Name`. JSON
    /// cannot write it: a fix holding one is not offered in a JSON file.
    case tagged(String, FixValue)

    public static func int(_ value: Int) -> FixValue { .number(String(value)) }

    /// `text` written the way `node` is: a string when the file wrote a string (CloudFormation
    /// and the task definition API take `"256"` for numbers), a number otherwise.
    public static func scalar(_ text: String, like node: Node?) -> FixValue {
        if case .string = node.map(ObjectReader.unwrapCoreTag)?.kind { return .string(text) }
        return .number(text)
    }

    /// An object from key/value pairs, in order: `.fields(["enable": .bool(true)])`.
    public static func fields(_ pairs: KeyValuePairs<String, FixValue>) -> FixValue {
        .object(pairs.map { FixMember($0.key, $0.value) })
    }

    /// Whether `node` already holds this value, so that writing it would change nothing.
    public func isWritten(as node: Node) -> Bool {
        let node = ObjectReader.unwrapCoreTag(node)
        switch (self, node.kind) {
        case (.string(let text), .string(let written, _)): return text == written
        case (.number(let lexeme), .number(let written)): return lexeme == written
        case (.bool(let value), .bool(let written)): return value == written
        case (.null, .null): return true
        case (.array(let values), .array(let elements)):
            return values.count == elements.count && zip(values, elements).allSatisfy { $0.isWritten(as: $1) }
        case (.object(let members), .object(let entries)):
            return members.count == entries.count
                && zip(members, entries).allSatisfy { $0.key == $1.name && $0.value.isWritten(as: $1.value) }
        case (.tagged(let tag, let inner), .tagged(let writtenTag, let writtenInner)):
            return tag == writtenTag && inner.isWritten(as: writtenInner)
        default: return false
        }
    }

    public var isScalar: Bool {
        switch self {
        case .string, .number, .bool, .null: return true
        case .tagged(_, let inner): return inner.isScalar
        case .array, .object: return false
        }
    }

    /// An empty collection or a scalar: written on one line in every syntax.
    public var isFlat: Bool {
        switch self {
        case .array(let values): return values.allSatisfy(\.isScalar)
        case .object(let members): return members.isEmpty
        case .tagged(_, let inner): return inner.isFlat
        default: return true
        }
    }
}

/// One key and value of a `FixValue.object`.
public struct FixMember: Sendable, Hashable {
    public var key: String
    public var value: FixValue

    public init(_ key: String, _ value: FixValue) {
        self.key = key
        self.value = value
    }
}
