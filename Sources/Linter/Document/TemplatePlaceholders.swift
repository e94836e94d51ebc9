/// Go-template placeholders (`{{ must_env `TAG` }}`) as ecspresso writes them, made parseable.
///
/// A placeholder in a number or bare position breaks JSON and YAML. Each one is rewritten in
/// place, byte for byte the same length, as a quoted string that still reads `{{…}}`, so every
/// position in the file stays exact and the value is recognized as unknown, never evaluated.
public enum TemplatePlaceholders {
    public static func containsPlaceholder(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { haystack in
            Array("{{".utf8).withUnsafeBufferPointer { ByteSearch.contains(haystack, $0) }
        }
    }

    /// Rewrites every `{{ … }}` span; nil when there is none or a span is not closed.
    public static func neutralize(_ bytes: [UInt8]) -> [UInt8]? {
        var output = bytes
        var inString = false
        var quote: UInt8 = 0
        var index = 0
        var changed = false
        while index < output.count {
            let byte = output[index]
            if inString {
                if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                    index += 2
                    continue
                }
                if byte == quote { inString = false }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                inString = true
                quote = byte
            } else if byte == 0x0A {
                inString = false
            }
            if byte == UInt8(ascii: "{") && index + 1 < output.count && output[index + 1] == UInt8(ascii: "{") {
                guard let close = findClose(output, from: index + 2) else { return nil }
                let end = close + 2
                // Keep `{{` and `}}`; blank the inside so quotes in the template cannot end a string.
                for position in (index + 2)..<close { output[position] = UInt8(ascii: "_") }
                if !inString && end - index >= 6 {
                    output[index] = UInt8(ascii: "\"")
                    output[index + 1] = UInt8(ascii: "{")
                    output[index + 2] = UInt8(ascii: "{")
                    output[end - 3] = UInt8(ascii: "}")
                    output[end - 2] = UInt8(ascii: "}")
                    output[end - 1] = UInt8(ascii: "\"")
                }
                changed = true
                index = end
                continue
            }
            index += 1
        }
        return changed ? output : nil
    }

    static func findClose(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A { return nil }
            if bytes[index] == UInt8(ascii: "}") && bytes[index + 1] == UInt8(ascii: "}") { return index }
            index += 1
        }
        return nil
    }
}
