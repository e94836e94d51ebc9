/// A CloudFormation intrinsic function call, in either long form (`{"Fn::Sub": …}`) or YAML
/// short form (`!Sub …`), reduced to the long name and its argument.
public struct Intrinsic: Sendable {
    /// The long name: `Ref`, `Condition`, `Fn::GetAtt`, `Fn::Sub`, …
    public var name: String
    public var argument: Node
    public var node: Node

    public init?(_ node: Node) {
        switch node.kind {
        case .tagged(let tag, let inner):
            guard tag.hasPrefix("!"), !tag.hasPrefix("!!") else { return nil }
            let short = String(tag.dropFirst())
            switch short {
            case "Ref": name = "Ref"
            case "Condition": name = "Condition"
            default: name = "Fn::" + short
            }
            if name == "Fn::GetAtt", case .string(let text, _) = inner.kind, let dot = text.firstIndex(ofASCII: ".") {
                // `!GetAtt A.B` splits at the first dot, as CloudFormation does.
                let logicalId = String(text[..<dot])
                let attribute = String(text[text.index(after: dot)...])
                argument = Node(
                    .array([
                        Node(.string(logicalId, .plain), range: inner.range),
                        Node(.string(attribute, .plain), range: inner.range),
                    ]), range: inner.range)
            } else {
                argument = inner
            }
            self.node = node
        case .object(let entries):
            guard entries.count == 1, let key = entries[0].name, ValueKind.isIntrinsicName(key) else { return nil }
            name = key
            argument = entries[0].value
            if key == "Fn::GetAtt", case .string(let text, _) = argument.kind, let dot = text.firstIndex(ofASCII: ".") {
                argument = Node(
                    .array([
                        Node(.string(String(text[..<dot]), .plain), range: argument.range),
                        Node(.string(String(text[text.index(after: dot)...]), .plain), range: argument.range),
                    ]), range: argument.range)
            }
            self.node = node
        default:
            return nil
        }
    }

    /// For `Ref`: the referenced name.
    public var refTarget: String? {
        name == "Ref" ? ObjectReader.stringValue(argument) : nil
    }

    /// The name the expression is exactly, when it is nothing else: `!Ref Name`, `{"Ref": "Name"}`
    /// or `!Sub "${Name}"`. Pseudo parameters (`AWS::Region`) and attributes are not names.
    public var wholeReference: String? {
        if let target = refTarget { return target.hasPrefix("AWS::") ? nil : target }
        guard name == "Fn::Sub", let template = ObjectReader.stringValue(argument) else { return nil }
        let parsed = SubstitutionTemplate(template)
        guard parsed.pieces.count == 1, let piece = parsed.pieces.first, piece.literal.isEmpty, parsed.tail.isEmpty,
            !piece.name.contains("."), !piece.name.hasPrefix("!"), !piece.name.hasPrefix("AWS::")
        else { return nil }
        return piece.name
    }

    /// For `Fn::GetAtt`: the logical id and attribute.
    public var getAttTarget: (logicalId: String, attribute: String)? {
        guard name == "Fn::GetAtt", let elements = argument.elements, elements.count == 2,
            let id = ObjectReader.stringValue(elements[0]), let attribute = ObjectReader.stringValue(elements[1])
        else { return nil }
        return (id, attribute)
    }
}
