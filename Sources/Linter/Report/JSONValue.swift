import LinterCore

/// A JSON value with ordered object keys, for deterministic machine-readable output.
/// Not `indirect`: the recursive cases hold arrays, which are references already, and boxing every
/// value would cost an allocation per string and number of a report.
public enum JSONValue: Sendable, Hashable {
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
        var output: [UInt8] = []
        write(into: &output, pretty: false, level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Two-space indentation, one key per line.
    public var pretty: String { String(decoding: prettyLine.dropLast(), as: UTF8.self) }

    /// `pretty` and a line feed, as UTF-8: what a report writes. Reports of tens of megabytes
    /// skip the copy into a `String` and the validation of its bytes.
    public var prettyLine: [UInt8] {
        var output: [UInt8] = []
        write(into: &output, pretty: true, level: 0)
        output.append(0x0A)
        return output
    }

    /// Written as UTF-8 bytes, and made a `String` once: appending a report of thousands of
    /// findings piece by piece to a `String` spends most of its time in the string's growth and
    /// validity bookkeeping.
    func write(into output: inout [UInt8], pretty: Bool, level: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty {
                output += "{}".utf8
                return
            }
            output.append(UInt8(ascii: "{"))
            for (position, (key, value)) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(&output, level + 1) }
                NodeJSONWriter.writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                value.write(into: &output, pretty: pretty, level: level + 1)
            }
            if pretty { JSONValue.newline(&output, level) }
            output.append(UInt8(ascii: "}"))
        case .array(let elements):
            if elements.isEmpty {
                output += "[]".utf8
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(&output, level + 1) }
                element.write(into: &output, pretty: pretty, level: level + 1)
            }
            if pretty { JSONValue.newline(&output, level) }
            output.append(UInt8(ascii: "]"))
        case .string(let text):
            NodeJSONWriter.writeString(text, into: &output)
        case .int(let value):
            output += String(value).utf8
        case .double(let value):
            output += (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) + ".0" : String(value)).utf8
        case .bool(let value):
            output += (value ? "true" : "false").utf8
        case .null:
            output += "null".utf8
        }
    }

    /// A line feed and two spaces per level, copied from a line of spaces (appending a
    /// `repeatElement` went through the generic path, byte by byte).
    static func newline(_ output: inout [UInt8], _ level: Int) {
        output.append(0x0A)
        var remaining = 2 * level
        while remaining > 0 {
            let count = min(remaining, indentation.count)
            output.append(contentsOf: indentation[..<count])
            remaining -= count
        }
    }

    private static let indentation = [UInt8](repeating: UInt8(ascii: " "), count: 64)
}
