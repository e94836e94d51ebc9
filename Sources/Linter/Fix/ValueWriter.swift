import LinterCore

/// Writes `FixValue`s as source text in the syntax of the place they go: JSON, a YAML flow
/// collection, or YAML block style, with the separators, line break and indentation step of the
/// file around them.
struct ValueWriter {
    var syntax: SourceFormat
    var newline: String
    /// One level of indentation.
    var step: String
    /// Between a key and its value in a flow collection (`": "`, or `":"` in compact JSON).
    var keySeparator = ": "
    /// Between items of a flow collection on one line (`", "`, or `","` in compact JSON).
    var itemSeparator = ", "

    // MARK: Scalars

    /// A scalar, or nil for a collection. `style` is the quoting of the string it replaces.
    func scalar(_ value: FixValue, inFlow: Bool, style: ScalarStyle? = nil) -> String? {
        switch value {
        case .string(let text):
            return syntax == .json ? NodeJSONWriter.quoted(text) : ValueWriter.yamlString(text, inFlow: inFlow, style: style)
        case .number(let lexeme): return lexeme
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .tagged(let tag, let inner):
            guard syntax == .yaml, let text = inline(inner, inFlow: inFlow) else { return nil }
            return tag + " " + text
        case .array, .object: return nil
        }
    }

    /// A key as the syntax writes it.
    func key(_ text: String, inFlow: Bool) -> String {
        syntax == .json ? NodeJSONWriter.quoted(text) : ValueWriter.yamlString(text, inFlow: inFlow, style: nil)
    }

    /// A YAML string: plain when it reads back as the same string, else quoted (in `style` when
    /// the replaced string was quoted that way).
    static func yamlString(_ text: String, inFlow: Bool, style: ScalarStyle?) -> String {
        let printable = !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        switch style {
        case .doubleQuoted?: return NodeJSONWriter.quoted(text)
        case .singleQuoted? where printable: return singleQuoted(text)
        default: break
        }
        if isPlainSafe(text, inFlow: inFlow) { return text }
        return printable ? singleQuoted(text) : NodeJSONWriter.quoted(text)
    }

    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }

    /// Whether `text` written plain reads back as this string, in block and flow context alike
    /// when `inFlow`. YAML 1.1 booleans (`yes`, `off`) are quoted too: CloudFormation's own
    /// reader takes them as booleans.
    static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        if inFlow && text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        if ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()) { return false }
        if case .string = YAMLCoreSchema.resolvePlain(text) { return true }
        return false
    }

    // MARK: On one line

    /// The value on one line: JSON, or YAML flow style.
    func inline(_ value: FixValue, inFlow: Bool = true) -> String? {
        switch value {
        case .array(let values):
            var parts: [String] = []
            for value in values {
                guard let text = inline(value) else { return nil }
                parts.append(text)
            }
            return "[" + parts.joined(separator: itemSeparator) + "]"
        case .object(let members):
            var parts: [String] = []
            for member in members {
                guard let text = inline(member.value) else { return nil }
                parts.append(key(member.key, inFlow: true) + keySeparator + text)
            }
            return "{" + parts.joined(separator: itemSeparator) + "}"
        default:
            return scalar(value, inFlow: inFlow)
        }
    }

    // MARK: JSON over several lines

    /// The value as pretty JSON whose first line continues the current one and whose nested
    /// lines are indented one step past `indent` (the indentation of the line it starts on).
    /// Arrays of scalars stay on one line.
    func multilineJSON(_ value: FixValue, indent: String) -> String? {
        let inner = indent + step
        switch value {
        case .object(let members) where !members.isEmpty:
            var lines: [String] = []
            for member in members {
                guard let text = multilineJSON(member.value, indent: inner) else { return nil }
                lines.append(inner + key(member.key, inFlow: true) + keySeparator + text)
            }
            return "{" + newline + lines.joined(separator: "," + newline) + newline + indent + "}"
        case .array(let values) where !value.isFlat:
            var lines: [String] = []
            for element in values {
                guard let text = multilineJSON(element, indent: inner) else { return nil }
                lines.append(inner + text)
            }
            return "[" + newline + lines.joined(separator: "," + newline) + newline + indent + "]"
        default:
            return inline(value)
        }
    }

    // MARK: YAML block style

    /// `key: value` lines of a block mapping at `indent`, without a final line break.
    func blockMapping(_ members: [FixMember], indent: String) -> String? {
        var lines: [String] = []
        for member in members {
            guard let value = blockValue(member.value, keyIndent: indent) else { return nil }
            lines.append(indent + key(member.key, inFlow: false) + ":" + value)
        }
        return lines.joined(separator: newline)
    }

    /// What follows `key:` in a block mapping whose keys are at `keyIndent`: ` scalar` on the
    /// same line, or a nested block on the lines below.
    func blockValue(_ value: FixValue, keyIndent: String) -> String? {
        let inner = keyIndent + step
        switch value {
        case .object(let members) where !members.isEmpty:
            return blockMapping(members, indent: inner).map { newline + $0 }
        case .array(let values) where !value.isFlat:
            var items: [String] = []
            for element in values {
                guard let item = blockSequenceItem(element, dashIndent: inner) else { return nil }
                items.append(item)
            }
            return newline + items.joined(separator: newline)
        default:
            return inline(value, inFlow: false).map { " " + $0 }
        }
    }

    /// `- value` at `dashIndent`; an object's first key follows the dash, the others align with it.
    func blockSequenceItem(_ value: FixValue, dashIndent: String) -> String? {
        if case .object(let members) = value, !members.isEmpty {
            let keyIndent = dashIndent + "  "
            guard let mapping = blockMapping(members, indent: keyIndent) else { return nil }
            return dashIndent + "- " + mapping.dropFirst(keyIndent.count)
        }
        if !value.isFlat { return nil }
        return inline(value, inFlow: false).map { dashIndent + "- " + $0 }
    }
}
