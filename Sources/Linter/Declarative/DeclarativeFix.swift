import LinterCore

/// The `fix` of a declarative rule: fields it writes on the target's object, by paths of named
/// keys, spelled in each input's key style when written (`ObjectPatch`).
struct DeclarativeFix: Sendable {
    var title: String?
    var safety: FixSafety
    var assignments: [(path: String, value: FixValue)]

    /// The fix for one target, or nil when a path crosses a value that is not an object.
    func fix(for reader: ObjectReader) -> Fix? {
        var patch = ObjectPatch(reader)
        for assignment in assignments { patch.set(assignment.path, to: assignment.value) }
        let json = ValueWriter(syntax: .json, newline: "\n", step: "  ")
        let described = assignments.map { "\($0.path) to \(json.inline($0.value) ?? "")" }
        return Fix(title ?? "Set " + described.joined(separator: ", "), safety: safety, edits: patch.edits)
    }

    /// A value of the rule file as the value to write.
    static func value(of node: Node) -> FixValue {
        switch ObjectReader.unwrapCoreTag(node).kind {
        case .string(let text, _): return .string(text)
        case .number(let lexeme): return .number(NodeJSONWriter.jsonNumber(lexeme) ?? lexeme)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .array(let elements): return .array(elements.map(value(of:)))
        case .object(let entries): return .object(entries.map { FixMember($0.name ?? "", value(of: $0.value)) })
        case .tagged(let tag, let inner): return .tagged(tag, value(of: inner))
        }
    }
}
