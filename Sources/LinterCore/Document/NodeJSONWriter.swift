/// Renders a node tree as compact JSON: the `ecslint dump` view and the conformance oracle.
///
/// Keys keep source order; a duplicate key is printed once, where it first appears, with its
/// last value (what AWS and most JSON readers do). A non-core YAML tag prints as `{"!Tag": value}`.
public struct NodeJSONWriter: Sendable {
    public var includePositions: Bool
    public var file: SourceFile?

    public init(includePositions: Bool = false, file: SourceFile? = nil) {
        self.includePositions = includePositions
        self.file = file
    }

    public func render(_ node: Node) -> String {
        var output = ""
        write(node, into: &output)
        return output
    }

    func write(_ node: Node, into output: inout String) {
        guard includePositions, let file else {
            writeValue(node, into: &output)
            return
        }
        output += "{\"range\":\""
        output += file.range(of: node.range).description
        output += "\",\"value\":"
        writeValue(node, into: &output)
        output += "}"
    }

    func writeValue(_ node: Node, into output: inout String) {
        switch node.kind {
        case .object(let entries):
            output += "{"
            var firstIndexOfKey: [String: Int] = [:]
            var orderedKeys: [String] = []
            var lastEntry: [String: Entry] = [:]
            for entry in entries {
                let key = entry.name ?? NodeJSONWriter(includePositions: false).render(entry.key)
                if firstIndexOfKey[key] == nil {
                    firstIndexOfKey[key] = orderedKeys.count
                    orderedKeys.append(key)
                }
                lastEntry[key] = entry
            }
            for (position, key) in orderedKeys.enumerated() {
                if position > 0 { output += "," }
                NodeJSONWriter.writeString(key, into: &output)
                output += ":"
                if let entry = lastEntry[key] {
                    if includePositions, let file {
                        output += "{\"keyRange\":\"\(file.range(of: entry.key.range))\",\"node\":"
                        write(entry.value, into: &output)
                        output += "}"
                    } else {
                        write(entry.value, into: &output)
                    }
                }
            }
            output += "}"
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                write(element, into: &output)
            }
            output += "]"
        case .string(let text, _):
            NodeJSONWriter.writeString(text, into: &output)
        case .number(let lexeme):
            if let json = NodeJSONWriter.jsonNumber(lexeme) {
                output += json
            } else {
                NodeJSONWriter.writeString(lexeme, into: &output)
            }
        case .bool(let value):
            output += value ? "true" : "false"
        case .null:
            output += "null"
        case .tagged(let tag, let inner):
            output += "{"
            NodeJSONWriter.writeString(tag, into: &output)
            output += ":"
            write(inner, into: &output)
            output += "}"
        }
    }

    /// Converts a YAML or JSON number lexeme into a valid JSON number, or nil for `.inf`/`.nan`.
    public static func jsonNumber(_ lexeme: String) -> String? {
        var text = Substring(lexeme)
        var negative = false
        if text.hasPrefix("+") {
            text = text.dropFirst()
        } else if text.hasPrefix("-") {
            negative = true
            text = text.dropFirst()
        }
        let sign = negative ? "-" : ""
        if text.hasPrefix("0x") || text.hasPrefix("0o") {
            let radix = text.hasPrefix("0x") ? 16 : 8
            guard let value = UInt64(text.dropFirst(2), radix: radix) else { return nil }
            return sign + String(value)
        }
        guard let first = text.first, first.isASCII, first.isNumber || first == "." else { return nil }
        var mantissa = text
        var exponent: Substring = ""
        if let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<exponentIndex]
            exponent = text[exponentIndex...]
            var exponentDigits = exponent.dropFirst()
            var exponentSign = ""
            if exponentDigits.hasPrefix("+") || exponentDigits.hasPrefix("-") {
                exponentSign = exponentDigits.hasPrefix("-") ? "-" : ""
                exponentDigits = exponentDigits.dropFirst()
            }
            guard !exponentDigits.isEmpty, exponentDigits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            exponent = Substring("e" + exponentSign + exponentDigits)
        }
        var integerPart = mantissa
        var fraction: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        guard integerPart.allSatisfy({ $0.isASCII && $0.isNumber }),
            fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            !(integerPart.isEmpty && fraction.isEmpty)
        else { return nil }
        var digits = integerPart.drop(while: { $0 == "0" })
        if digits.isEmpty { digits = "0" }
        var result = sign + digits
        if !fraction.isEmpty { result += "." + fraction }
        result += exponent
        return result
    }

    public static func writeString(_ text: String, into output: inout String) {
        var bytes: [UInt8] = []
        writeString(text, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// `text` as a JSON string literal, appended as UTF-8. Runs of bytes that need no escape
    /// (everything but `"`, `\` and controls; a string's UTF-8 is valid, so multi-byte
    /// characters pass whole) are copied at once: reports are mostly message text, and
    /// appending it character by character to a `String` makes JSON and SARIF output three
    /// times slower than the whole lint of a large template.
    public static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (position, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                if runStart < position { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position])) }
                runStart = position + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: output.append(UInt8(ascii: "\""))
                case 0x5C: output.append(UInt8(ascii: "\\"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                default:
                    output += "u00".utf8
                    output.append(NodeJSONWriter.hexDigits[Int(byte >> 4)])
                    output.append(NodeJSONWriter.hexDigits[Int(byte & 0x0F)])
                }
            }
            if runStart < utf8.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func quoted(_ text: String) -> String {
        var output = ""
        writeString(text, into: &output)
        return output
    }
}
