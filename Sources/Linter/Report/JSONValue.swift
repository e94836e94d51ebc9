/// A JSON value with ordered object keys, for deterministic machine-readable output.
public indirect enum JSONValue: Sendable, Hashable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.compact == rhs.compact }
    public func hash(into hasher: inout Hasher) { hasher.combine(compact) }

    public var compact: String {
        var output = ""
        write(into: &output, indent: nil, level: 0)
        return output
    }

    /// Two-space indentation, one key per line.
    public var pretty: String {
        var output = ""
        write(into: &output, indent: "  ", level: 0)
        return output
    }

    func write(into output: inout String, indent: String?, level: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            for (position, (key, value)) in members.enumerated() {
                if position > 0 { output += "," }
                newline(&output, indent, level + 1)
                NodeJSONWriter.writeString(key, into: &output)
                output += indent == nil ? ":" : ": "
                value.write(into: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent, level)
            output += "}"
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                newline(&output, indent, level + 1)
                element.write(into: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent, level)
            output += "]"
        case .string(let text):
            NodeJSONWriter.writeString(text, into: &output)
        case .int(let value):
            output += String(value)
        case .double(let value):
            output += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) + ".0" : String(value)
        case .bool(let value):
            output += value ? "true" : "false"
        case .null:
            output += "null"
        }
    }

    func newline(_ output: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        output += "\n" + String(repeating: indent, count: level)
    }
}
