/// How an input shape spells field names: the API's camelCase, CloudFormation's PascalCase or
/// Terraform's snake_case. Model builders ask for camelCase names and the reader translates.
public enum KeyStyle: String, Sendable, Hashable {
    case camel, pascal, snake

    public func spell(_ camelName: String) -> String {
        switch self {
        case .camel:
            return camelName
        case .pascal:
            // ASCII fast path (every field name): upper-case the first byte.
            if let lead = camelName.utf8.first, lead >= UInt8(ascii: "a"), lead <= UInt8(ascii: "z") {
                var bytes = Array(camelName.utf8)
                bytes[0] = lead - 0x20
                return String(decoding: bytes, as: UTF8.self)
            }
            guard let first = camelName.first else { return camelName }
            return first.uppercased() + camelName.dropFirst()
        case .snake:
            var result = ""
            for character in camelName {
                if character.isUppercase {
                    result += "_" + character.lowercased()
                } else {
                    result.append(character)
                }
            }
            return result
        }
    }
}

/// Decides whether a value is known statically.
public enum ValueKind {
    /// CloudFormation intrinsics (`{"Ref": …}`, `{"Fn::Sub": …}`, `!GetAtt …`), YAML local tags
    /// and template placeholders (`{{ must_env `TAG` }}`, `{{resolve:ssm:…}}`) are never evaluated.
    public static func isUnresolved(_ node: Node) -> Bool {
        switch node.kind {
        case .tagged(let tag, _):
            return !tag.hasPrefix("!!") && !tag.hasPrefix("tag:yaml.org")
        case .object(let entries):
            guard entries.count == 1, let key = entries[0].name else { return false }
            return isIntrinsicName(key)
        case .string(let text, _):
            return containsPlaceholder(text)
        default:
            return false
        }
    }

    /// Whether the UTF-8 of `text` holds `{{` (no other spelling is canonically equivalent).
    static func containsBraces(_ text: String) -> Bool {
        ByteSearch.contains(text, "{{")
    }

    public static func isIntrinsicName(_ key: String) -> Bool {
        key == "Ref" || key == "Condition" || key.hasPrefix("Fn::")
    }

    /// `{{ … }}` anywhere in the text: ecspresso/Go templates and CloudFormation dynamic references.
    public static func containsPlaceholder(_ text: String) -> Bool {
        guard let open = ByteSearch.firstOffset(of: "{{", in: text) else { return false }
        return ByteSearch.firstOffset(of: "}}", in: text, from: open + 2) != nil
    }
}

/// Reads typed fields out of one object node of a given file and key style.
public struct ObjectReader: Sendable {
    public let node: Node
    public let path: String
    public let style: KeyStyle

    public init(node: Node, path: String, style: KeyStyle) {
        self.node = node
        self.path = path
        self.style = style
    }

    public var location: Location { Location(path: path, range: node.range) }

    public func location(of node: Node) -> Location { Location(path: path, range: node.range) }

    public func entry(_ camelName: String) -> Entry? {
        entry(camelName, in: node)
    }

    /// The entry of `object` for a field, spelled in this reader's style.
    public func entry(_ camelName: String, in object: Node) -> Entry? {
        switch style {
        case .camel: return object.entry(camelName)
        case .pascal: return object.entry(pascalCaseOf: camelName)
        case .snake: return object.entry(style.spell(camelName))
        }
    }

    /// Whether a written value stands for an unset field: Terraform writes an unset attribute as
    /// null and an unset block as [], and an empty string in an enumerated field is unset
    /// (`EnumeratedFields`).
    public func isUnset(_ value: Node, field camelName: String) -> Bool {
        if style == .snake, value.isNull || value.elements?.isEmpty == true { return true }
        return EnumeratedFields.isEmptyEnumValue(value, field: camelName)
    }

    /// The raw value node of a field, if written.
    public func raw(_ camelName: String) -> Node? {
        entry(camelName)?.value
    }

    /// A field of any shape, as its node.
    public func nodeField(_ camelName: String) -> Field<Node> {
        field(camelName) { $0 }
    }

    public func field<Value: Sendable>(_ camelName: String, _ convert: (Node) -> Value?) -> Field<Value> {
        guard let entry = entry(camelName) else { return .absent(in: location) }
        let value = entry.value
        if isUnset(value, field: camelName) { return .absent(in: location) }
        let state: Field<Value>.State
        if ValueKind.isUnresolved(value) {
            state = .unresolved
        } else if let converted = convert(value) {
            state = .present(converted)
        } else {
            state = .unresolved
        }
        return Field(
            state: state, location: location(of: value), keyLocation: location(of: entry.key), node: value)
    }

    public func string(_ camelName: String) -> Field<String> {
        field(camelName, ObjectReader.stringValue)
    }

    public func int(_ camelName: String) -> Field<Int> {
        field(camelName, ObjectReader.intValue)
    }

    public func bool(_ camelName: String) -> Field<Bool> {
        field(camelName, ObjectReader.boolValue)
    }

    public func stringList(_ camelName: String) -> Field<[String]> {
        field(camelName) { node in
            guard let elements = ObjectReader.unwrapCoreTag(node).elements else { return nil }
            var strings: [String] = []
            for element in elements {
                guard !ValueKind.isUnresolved(element), let text = ObjectReader.stringValue(element) else { return nil }
                strings.append(text)
            }
            return strings
        }
    }

    /// A nested object, or nil when absent or not an object. Terraform writes nested blocks as
    /// one-element lists, which are unwrapped.
    public func object(_ camelName: String) -> ObjectReader? {
        guard let value = raw(camelName) else { return nil }
        return ObjectReader.objectReader(for: ObjectReader.unwrapCoreTag(value), path: path, style: style)
    }

    /// A nested object whose keys are data, not field names (`logConfiguration.options`,
    /// `dockerLabels`): its keys are read as written in every input style, since CloudFormation
    /// passes `awslogs-group` through unchanged.
    public func freeMap(_ camelName: String) -> ObjectReader? {
        object(camelName).map { ObjectReader(node: $0.node, path: $0.path, style: .camel) }
    }

    /// The objects of an array field (non-object elements are skipped).
    public func objects(_ camelName: String) -> [ObjectReader] {
        guard let value = raw(camelName) else { return [] }
        let unwrapped = ObjectReader.unwrapCoreTag(value)
        if style == .snake, unwrapped.entries != nil {
            return [ObjectReader(node: unwrapped, path: path, style: style)]
        }
        return (unwrapped.elements ?? []).compactMap {
            let element = ObjectReader.unwrapCoreTag($0)
            return element.entries == nil ? nil : ObjectReader(node: element, path: path, style: style)
        }
    }

    static func objectReader(for node: Node, path: String, style: KeyStyle) -> ObjectReader? {
        if node.entries != nil, !ValueKind.isUnresolved(node) {
            return ObjectReader(node: node, path: path, style: style)
        }
        if style == .snake, let elements = node.elements, elements.count == 1, elements[0].entries != nil {
            return ObjectReader(node: elements[0], path: path, style: style)
        }
        return nil
    }

    public static func unwrapCoreTag(_ node: Node) -> Node {
        if case .tagged(let tag, let inner) = node.kind, tag.hasPrefix("!!") { return inner }
        return node
    }

    public static func stringValue(_ node: Node) -> String? {
        switch unwrapCoreTag(node).kind {
        case .string(let text, _): return text
        case .number(let lexeme): return lexeme
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    /// Integers written as numbers or, as CloudFormation allows, as strings.
    public static func intValue(_ node: Node) -> Int? {
        switch unwrapCoreTag(node).kind {
        case .number(let lexeme):
            if let value = Int(lexeme) { return value }
            if let double = Double(lexeme), double == double.rounded(), abs(double) < 1e15 { return Int(double) }
            return nil
        case .string(let text, _):
            return Int(text.trimmingWhitespace)
        default:
            return nil
        }
    }

    public static func doubleValue(_ node: Node) -> Double? {
        switch unwrapCoreTag(node).kind {
        case .number(let lexeme): return Double(lexeme)
        case .string(let text, _): return Double(text.trimmingWhitespace)
        default: return nil
        }
    }

    /// Booleans written as booleans or, as CloudFormation allows, as "true"/"false" strings.
    public static func boolValue(_ node: Node) -> Bool? {
        switch unwrapCoreTag(node).kind {
        case .bool(let value): return value
        case .string(let text, _):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default:
            return nil
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
